// First-run seeding: the sample documents become the demo's first documents (version 1 each).
import { Readable } from "node:stream";
import { generateSamples } from "./sample-documents.js";
import type { DocumentStore, DocumentWithLatest } from "./store/document-store.js";

/** Adds the samples when the demo has no documents yet; returns what it added. */
export async function seedSampleDocuments(store: DocumentStore): Promise<DocumentWithLatest[]> {
  if (store.countDocuments() > 0) return [];
  const added: DocumentWithLatest[] = [];
  for (const sample of await generateSamples()) {
    const file = await store.receive(Readable.from([sample.bytes]), Number.MAX_SAFE_INTEGER);
    added.push(store.createDocument(sample.name, "editor", file, "sample"));
  }
  return added;
}
