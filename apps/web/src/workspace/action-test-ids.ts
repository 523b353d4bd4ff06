// The data-testid of each task action's button, which browser tests drive:
// `action-approve`, `action-add-signer`, … (kebab-case of the API's action name).
// On a phone the secondary actions sit in the 更多 menu as `action-menu-<name>`,
// so the hidden desktop button and the menu item never share an id.
import type { TaskAction } from '@baton/contracts';

const kebab = (action: string) => action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function actionTestId(action: TaskAction): string {
  return `action-${kebab(action)}`;
}

export function actionMenuTestId(action: TaskAction): string {
  return `action-menu-${kebab(action)}`;
}
