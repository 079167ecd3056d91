export interface CaptionCounts {
  /** Rows the filter lets through. */
  shown: number;
  /** Values read so far. */
  loaded: number;
  /** Every listed key, read or not. */
  total: number;
  filtered: boolean;
}

const properties = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'property' : 'properties'}`;

/** The table's caption: how many rows it shows, of how many loaded, of how many the user has. */
export function tableCaption({ shown, loaded, total, filtered }: CaptionCounts): string {
  const complete = loaded >= total;
  if (complete) return filtered ? `${shown.toLocaleString('en-US')} of ${properties(total)}` : properties(total);
  const of = `${loaded.toLocaleString('en-US')} of ${properties(total)} loaded`;
  return filtered ? `${shown.toLocaleString('en-US')} matching, ${of}` : of;
}
