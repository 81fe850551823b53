import { Business, CreateBusinessBody } from "@sorot/contracts";
import { DEFAULT_TIME_ZONE, TIME_ZONES, type TimeZone } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { TimeZoneField } from "../../components/TimeZoneField";
import { apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { businessPath } from "../../lib/navigation";
import { useStale } from "../../lib/stale";

/** The device's zone when it is one of the three a business may use: usually right, and one tap to change. */
function likelyTimeZone(): TimeZone {
  const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return TIME_ZONES.find((zone) => zone === deviceZone) ?? DEFAULT_TIME_ZONE;
}

export function CreateBusinessPage() {
  const { t } = useTranslation();
  const stale = useStale();
  const navigate = useNavigate();
  const form = useApiForm({
    schema: CreateBusinessBody,
    defaultValues: { name: "", timeZone: likelyTimeZone() },
    onSubmit: async (body) => {
      const business = await apiRequest("POST", "/v1/businesses", { body, schema: Business });
      await stale.myBusinesses();
      navigate(businessPath(business.id));
    },
  });

  return (
    <div className="narrow-page">
      <PageHeader title={t("business.create.title")} intro={t("business.create.intro")} />
      <form className="card stack" noValidate onSubmit={form.handleSubmit}>
        <FormAlert alert={form.alert} />
        <TextField
          label={t("business.name")}
          hint={t("business.nameHint")}
          autoComplete="organization"
          required
          {...form.field("name")}
        />
        <TimeZoneField {...form.field("timeZone")} />
        <Button
          type="submit"
          variant="primary"
          busy={form.submitting}
          busyLabel={t("business.create.submitting")}
        >
          {t("business.create.submit")}
        </Button>
      </form>
    </div>
  );
}
