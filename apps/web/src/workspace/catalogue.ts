// The 发起申请 catalogue as plain data: processes grouped by category, filtered by
// the search box. Categories keep the order in which they first appear; the ones
// without a category come last.
import type { ProcessSummary } from '@baton/contracts';

export interface CatalogueGroup {
  /** null: no category. */
  category: string | null;
  items: ProcessSummary[];
}

export function matchesQuery(process: ProcessSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [process.name, process.description, process.category, process.key].some(
    (text) => typeof text === 'string' && text.toLowerCase().includes(q),
  );
}

export function groupCatalogue(processes: readonly ProcessSummary[], query = ''): CatalogueGroup[] {
  const groups = new Map<string | null, ProcessSummary[]>();
  for (const process of processes) {
    if (!matchesQuery(process, query)) continue;
    const category = process.category?.trim() || null;
    const list = groups.get(category) ?? [];
    list.push(process);
    groups.set(category, list);
  }
  const named = [...groups.entries()].filter(([category]) => category !== null);
  const none = groups.get(null);
  const out: CatalogueGroup[] = named.map(([category, items]) => ({ category, items }));
  if (none) out.push({ category: null, items: none });
  return out;
}
