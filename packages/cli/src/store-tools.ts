/**
 * What the commands that read a campaign database (`status`, `explain`, `overdue`) need: the
 * store, the runtime over it and the renderers. Loaded when one of them runs, not when the CLI
 * starts, so that `phasegate check` and the other authoring commands start without the runtime.
 */
export async function storeTools() {
  const [db, read, render] = await Promise.all([import('./campaign-db.js'), import('./read-campaign.js'), import('./render-status.js')]);
  return { ...db, ...read, ...render };
}
