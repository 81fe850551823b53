import type { CsvForm } from "@sorot/core";
import { useState } from "react";
import { apiDownload } from "./api";
import { saveBlob } from "./download";
import { useAsyncAction } from "./use-async-action";

/** The export's path with the chosen form added to whatever filters it already carries. */
export function csvPathIn(path: string, form: CsvForm): string {
  const [base, search] = path.split("?");
  const query = new URLSearchParams(search);
  query.set("format", form);
  return `${base}?${query}`;
}

/**
 * Busy and error state around fetching a CSV from the api and saving it as a file, in the form the
 * user picked (standard, or for Excel in Indonesian: the api's `format` parameter).
 */
export function useCsvDownload() {
  const { busy, error, run } = useAsyncAction();
  const [form, setForm] = useState<CsvForm>("standard");

  /** The server's filename wins (it knows the range it exported); `fallbackName` is for when none came. */
  function download(path: string, fallbackName: string): Promise<boolean> {
    return run(async () => {
      const { blob, filename } = await apiDownload(csvPathIn(path, form), { accept: "text/csv" });
      saveBlob(blob, filename ?? fallbackName);
    });
  }

  return { busy, error, download, form, setForm };
}
