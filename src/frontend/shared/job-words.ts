/** A count as the admin page writes numbers. */
export const count = (n: number) => n.toLocaleString('en-US');

/** A background job's time left, roughly. */
export function etaText(seconds: number): string {
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.round(minutes / 60)} h left`;
}
