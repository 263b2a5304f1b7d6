// spec: onlyoffice 2: characters 0-9 a-z A-Z - . _ = only, at most 128.
const KEY_PATTERN = /^[0-9a-zA-Z\-._=]{1,128}$/;

export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== "string") return "document.key must be a string";
  if (key.length === 0) return "document.key is empty";
  if (key.length > 128) return `document.key is ${key.length} characters long (at most 128)`;
  if (!KEY_PATTERN.test(key)) return "document.key may only contain 0-9 a-z A-Z - . _ =";
  return undefined;
}
