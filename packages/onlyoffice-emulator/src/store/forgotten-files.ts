// DS's "forgotten files" store (spec: onlyoffice 4): where a status 2 file goes when the
// callback was refused (HTTP 200 with error != 0, another 4xx) or all retries failed.
export interface ForgottenFile {
  id: string;
  key: string;
  filetype: string;
  reason: string;
  at: string;
  bytes: Uint8Array;
}

export class ForgottenFiles {
  private readonly items: ForgottenFile[] = [];

  add(entry: Omit<ForgottenFile, "id" | "at">): ForgottenFile {
    const item = { ...entry, id: `${entry.key}_${this.items.length + 1}`, at: new Date().toISOString() };
    this.items.push(item);
    return item;
  }

  list(): Omit<ForgottenFile, "bytes">[] {
    return this.items.map(({ bytes, ...rest }) => ({ ...rest, size: bytes.byteLength }));
  }

  get(id: string): ForgottenFile | undefined {
    return this.items.find((i) => i.id === id);
  }
}
