// Whether a form still has files on their way up, so its page can hold the submit
// until every attachment has an id (a file still uploading is not in the data yet).
import { createContext, useContext } from 'react';

export interface UploadActivity {
  /** Marks one upload as started; call the returned function once it ends, either way. */
  begin(): () => void;
}

const NONE: UploadActivity = { begin: () => () => undefined };

export const UploadActivityContext = createContext<UploadActivity>(NONE);

export function useUploadActivity(): UploadActivity {
  return useContext(UploadActivityContext);
}
