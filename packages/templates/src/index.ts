// The built-in templates (SOPS.md), in gallery order.
import { adSpend } from './ad-spend.js';
import { designWorkOrder } from './design-work-order.js';
import { leave } from './leave.js';
import { newProductListing } from './new-product-listing.js';
import { refund } from './refund.js';
import { sLevelLivestream } from './s-level-livestream.js';
import type { ProcessTemplate } from './shared.js';

export type { ProcessTemplate } from './shared.js';
export { ROLES, PLATFORMS } from './shared.js';
export { adSpend, designWorkOrder, leave, newProductListing, refund, sLevelLivestream };

export const TEMPLATES: readonly ProcessTemplate[] = [
  newProductListing,
  refund,
  sLevelLivestream,
  leave,
  adSpend,
  designWorkOrder,
];

export function findTemplate(key: string): ProcessTemplate | undefined {
  return TEMPLATES.find((template) => template.key === key);
}
