import { apiDownload } from "./api";
import { saveBlob } from "./download";
import { useAsyncAction } from "./use-async-action";

/** Busy and error state around fetching a CSV from the api and saving it as a file. */
export function useCsvDownload() {
  const { busy, error, run } = useAsyncAction();

  /** The server's filename wins (it knows the range it exported); `fallbackName` is for when none came. */
  function download(path: string, fallbackName: string): Promise<boolean> {
    return run(async () => {
      const { blob, filename } = await apiDownload(path, { accept: "text/csv" });
      saveBlob(blob, filename ?? fallbackName);
    });
  }

  return { busy, error, download };
}
