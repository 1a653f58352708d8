/**
 * A message about an idea names it by the title notifications knows now (from `ideas.submitted`),
 * not by the one known when the message was written: a move or a new collaborator handled before
 * the submission (events of one idea arrive in any order) was written without it. The texts are
 * rendered when read, so each reading takes the title at that moment — the same whatever order the
 * idea's events came in.
 */
export function withIdeaTitle(params: Record<string, string>, titles: ReadonlyMap<string, string>): Record<string, string> {
  const title = params.ideaId ? titles.get(params.ideaId) : undefined;
  return title ? { ...params, ideaTitle: title } : params;
}

/** The ideas some messages are about (to look their titles up at once). */
export function ideaIdsOf(params: readonly (Record<string, string> | null)[]): string[] {
  return [...new Set(params.flatMap((p) => (p?.ideaId ? [p.ideaId] : [])))];
}
