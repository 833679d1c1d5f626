/** The id the search backend schedules a document type's collator under. */
export function indexTaskId(type: string): string {
  // As upstream's IndexBuilder names them: it replaces the first dash only.
  return `search_index_${type.replace('-', '_').toLowerCase()}`;
}
