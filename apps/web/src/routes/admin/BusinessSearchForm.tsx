import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";

/** A search box for businesses by name or id; `onSearch` gets the trimmed text (empty: all of them). */
export function BusinessSearchForm({
  initial,
  onSearch,
}: {
  initial: string;
  onSearch: (q: string) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(q.trim());
  }

  return (
    <search>
      <form className="search-form" noValidate onSubmit={handleSubmit}>
        <TextField
          label={t("admin.businesses.search")}
          type="search"
          name="q"
          maxLength={100}
          autoComplete="off"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        <Button type="submit" variant="primary">
          {t("admin.businesses.submit")}
        </Button>
      </form>
    </search>
  );
}
