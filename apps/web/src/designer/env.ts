// What every designer pane needs besides the document: the language and the
// organisation (for pickers, summaries, validation and the simulator).
import { createContext, useContext } from 'react';
import type { Directory, DirectorySnapshot } from '@baton/flow';
import type { Lang } from './form-model';
import type { DirectoryDepartment, DirectoryUser } from './simulator';

export interface DesignerEnv {
  lang: Lang;
  users: DirectoryUser[];
  departments: DirectoryDepartment[];
  roles: string[];
  userNames: Record<string, string>;
  departmentNames: Record<string, string>;
  snapshot: DirectorySnapshot;
  directory: Directory;
}

export const DesignerEnvContext = createContext<DesignerEnv | null>(null);

export function useDesignerEnv(): DesignerEnv {
  const env = useContext(DesignerEnvContext);
  if (!env) throw new Error('useDesignerEnv outside the designer');
  return env;
}
