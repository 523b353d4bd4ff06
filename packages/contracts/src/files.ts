// Files for attachment fields (docs/API.md "Files").

/** POST /api/files (multipart, field `file`): the stored file; form data refers to it by `id`. */
export interface FileView {
  id: string;
  name: string;
  size: number;
  contentType: string;
}
