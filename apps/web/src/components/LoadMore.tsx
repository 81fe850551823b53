import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";
import type { useCursorList } from "../lib/queries";
import { Button } from "./Button";

/** The "load more" button under a cursor-paginated list, with its own busy and failed states. */
export function LoadMore({
  list,
}: {
  list: Pick<ReturnType<typeof useCursorList>, "hasMore" | "loadMore" | "loadMoreStatus">;
}) {
  const { t } = useTranslation();
  if (!list.hasMore) return null;
  const status = list.loadMoreStatus;
  return (
    <div className="load-more">
      {status.status === "error" && (
        <p className="field-error" role="alert">
          {errorMessage(status.error, t)}
        </p>
      )}
      <Button onClick={list.loadMore} busy={status.status === "loading"} busyLabel={t("common.loadingMore")}>
        {status.status === "error" ? t("common.retry") : t("common.loadMore")}
      </Button>
    </div>
  );
}
