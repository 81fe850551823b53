import {
  type ContactDetails,
  CreatorMessage,
  CreatorRequest,
  RequestDecisionBody,
  SendMessageBody,
} from "@sorot/contracts";
import { can } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ActionDialog } from "../../components/ActionDialog";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorState } from "../../components/ErrorState";
import { TextAreaField } from "../../components/Field";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { notice, useNotice } from "../../lib/notice";
import { useApiQuery, useCursorList } from "../../lib/queries";
import { useStale } from "../../lib/stale";
import { useAsyncAction } from "../../lib/use-async-action";
import { useBusiness } from "../business/BusinessLayout";
import { DealNotice } from "./DealNotice";
import { businessRequestsPath, CREATOR_INBOX_PATH, requestApiPath } from "./paths";
import { ReportDialog } from "./ReportDialog";
import { BudgetRange, RequestStatusBadge } from "./RequestList";
import "./creators.css";

type Side = "business" | "creator";

/** New messages from the other side show up without a reload while the thread is open. */
const THREAD_POLL_MS = 10_000;

export function CreatorRequestPage() {
  const { requestId = "" } = useParams();
  return (
    <RequestView
      side="creator"
      apiBase={requestApiPath("creator", requestId)}
      backTo={CREATOR_INBOX_PATH}
      canAct
    />
  );
}

export function BusinessRequestPage() {
  const business = useBusiness();
  const { requestId = "" } = useParams();
  return (
    <RequestView
      side="business"
      apiBase={requestApiPath("business", requestId, business.id)}
      backTo={businessRequestsPath(business.id)}
      canAct={can(business.role, "creators.connect")}
    />
  );
}

interface RequestViewProps {
  side: Side;
  apiBase: string;
  backTo: string;
  /** Analysts of a business read the thread but neither write nor close. */
  canAct: boolean;
}

function RequestView({ side, apiBase, backTo, canAct }: RequestViewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiQuery(apiBase, CreatorRequest);
  const stale = useStale();
  const [noticeText, setNotice] = useNotice();
  const [dialog, setDialog] = useState<"accept" | "decline" | "close" | null>(null);
  const [reporting, setReporting] = useState<{ messageId?: string } | null>(null);
  const back = (
    <p className="back-link">
      <Link to={backTo}>← {t("creators.thread.back")}</Link>
    </p>
  );

  if (request.isPending) return <LoadingState />;
  if (request.isError) {
    return (
      <>
        {back}
        <ErrorState error={request.error} onRetry={request.refetch} />
      </>
    );
  }
  const current = request.data;
  const pending = current.status === "pending";

  function handleChanged() {
    void stale.creatorRequests(apiBase);
    setDialog(null);
  }

  return (
    <>
      {back}
      <PageHeader title={t("creators.thread.title", { product: current.product })} />
      <p>
        <RequestStatusBadge status={current.status} />
      </p>
      {noticeText && <Alert tone="success">{noticeText}</Alert>}
      <DealNotice />
      <div className="two-columns">
        <section className="card stack" aria-labelledby="brief-facts">
          <h2 id="brief-facts" className="section-title">
            {t("creators.thread.brief")}
          </h2>
          <BriefFacts side={side} request={current} />
          {current.closedAt && current.closedBy && (
            <p className="meta">
              {t(`creators.thread.closedBy.${current.closedBy}`, {
                date: formatDateTime(current.closedAt, locale),
              })}
            </p>
          )}
          {canAct && (
            <RequestActions
              side={side}
              status={current.status}
              onDialog={setDialog}
              onReport={() => setReporting({})}
            />
          )}
        </section>
        <Contacts side={side} request={current} />
      </div>
      <Thread
        side={side}
        apiBase={apiBase}
        status={current.status}
        canWrite={canAct}
        onReport={(messageId) => setReporting({ messageId })}
      />
      {(dialog === "accept" || dialog === "decline") && (
        <DecisionDialog
          decision={dialog}
          apiBase={apiBase}
          onCancel={() => setDialog(null)}
          onDecided={handleChanged}
        />
      )}
      {dialog === "close" && (
        <CloseDialog
          pending={pending}
          apiBase={apiBase}
          onCancel={() => setDialog(null)}
          onClosed={handleChanged}
        />
      )}
      {reporting && (
        <ReportDialog
          path={`${apiBase}/report`}
          messageId={reporting.messageId}
          onClose={() => setReporting(null)}
          onSent={() => {
            setReporting(null);
            setNotice(notice("creators.report.sent"));
          }}
        />
      )}
    </>
  );
}

function ContactLines({ contact }: { contact: ContactDetails }) {
  const { t } = useTranslation();
  return (
    <ul className="contact-lines">
      {contact.email && (
        <li>
          {t("creators.profile.email")}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </li>
      )}
      {contact.whatsapp && (
        <li>
          {t("creators.profile.whatsapp")}: <span className="mono">{contact.whatsapp}</span>
        </li>
      )}
    </ul>
  );
}

function Contacts({ side, request }: { side: Side; request: CreatorRequest }) {
  const { t } = useTranslation();
  const other = side === "business" ? "creator" : "business";
  return (
    <section className="card stack" aria-labelledby="request-contacts">
      <h2 id="request-contacts" className="section-title">
        {t("creators.thread.contacts")}
      </h2>
      {request.contacts ? (
        <>
          <h3 className="contact-heading">
            {other === "creator" ? t("creators.thread.creatorContact") : t("creators.thread.businessContact")}
          </h3>
          <ContactLines contact={request.contacts[other]} />
          <h3 className="contact-heading">
            {t("creators.thread.you")}:{" "}
            {side === "creator" ? t("creators.thread.creatorContact") : t("creators.thread.businessContact")}
          </h3>
          <ContactLines contact={request.contacts[side]} />
        </>
      ) : (
        <p className="meta">
          {request.status === "pending"
            ? t("creators.thread.contactsPending")
            : t("creators.thread.contactsNever")}
        </p>
      )}
    </section>
  );
}

interface ThreadProps {
  side: Side;
  apiBase: string;
  status: CreatorRequest["status"];
  canWrite: boolean;
  onReport: (messageId: string) => void;
}

function Thread({ side, apiBase, status, canWrite, onReport }: ThreadProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const open = status === "accepted";
  const messages = useCursorList(
    `${apiBase}/messages`,
    CreatorMessage,
    100,
    {},
    { refetchInterval: open ? THREAD_POLL_MS : false },
  );

  return (
    <section className="card stack" aria-labelledby="thread-title">
      <h2 id="thread-title" className="section-title">
        {t("creators.thread.messages")}
      </h2>
      {messages.isPending && <LoadingState />}
      {messages.isError && <ErrorState error={messages.error} onRetry={messages.refetch} />}
      {messages.isSuccess &&
        (messages.items.length === 0 ? (
          <p className="meta">{open ? t("creators.thread.noMessages") : null}</p>
        ) : (
          <>
            <ol className="thread">
              {messages.items.map((message) => {
                const mine = message.senderSide === side;
                return (
                  <li key={message.id} className={mine ? "thread-message thread-mine" : "thread-message"}>
                    <p className="meta">
                      {mine
                        ? t("creators.thread.you")
                        : message.senderSide === "business"
                          ? t("creators.thread.fromBusiness")
                          : t("creators.thread.fromCreator")}{" "}
                      · {formatDateTime(message.createdAt, locale)}
                    </p>
                    <p className="preserve-lines">{message.body}</p>
                    {!mine && canWrite && (
                      <Button variant="ghost" className="thread-report" onClick={() => onReport(message.id)}>
                        {t("creators.thread.reportMessage")}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ol>
            <LoadMore list={messages} />
          </>
        ))}
      {status === "pending" && <p className="meta">{t("creators.thread.pendingMessages")}</p>}
      {(status === "closed" || status === "declined") && (
        <p className="meta">{t("creators.thread.closedMessages")}</p>
      )}
      {open && canWrite && <MessageForm apiBase={apiBase} />}
    </section>
  );
}

interface DecisionDialogProps {
  decision: "accept" | "decline";
  apiBase: string;
  onCancel: () => void;
  onDecided: (request: CreatorRequest) => void;
}

function DecisionDialog({ decision, apiBase, onCancel, onDecided }: DecisionDialogProps) {
  const { t } = useTranslation();
  const accepting = decision === "accept";
  const form = useApiForm({
    schema: RequestDecisionBody,
    defaultValues: { note: "" },
    toBody: ({ note }) => ({ decision, note: note.trim() || undefined }),
    onSubmit: async (body) =>
      onDecided(await apiRequest("POST", `${apiBase}/decision`, { body, schema: CreatorRequest })),
  });

  return (
    <ActionDialog
      title={accepting ? t("creators.thread.acceptTitle") : t("creators.thread.declineTitle")}
      action={{ busy: form.submitting, error: form.alert?.cause ?? null }}
      confirmVariant={accepting ? "primary" : "danger"}
      confirmLabel={accepting ? t("creators.thread.accept") : t("creators.thread.decline")}
      busyLabel={t("creators.thread.deciding")}
      onConfirm={form.handleSubmit}
      onCancel={onCancel}
    >
      <p>{accepting ? t("creators.thread.acceptBody") : t("creators.thread.declineBody")}</p>
      <TextAreaField label={t("creators.thread.decisionNote")} maxLength={500} {...form.field("note")} />
    </ActionDialog>
  );
}

interface CloseDialogProps {
  pending: boolean;
  apiBase: string;
  onCancel: () => void;
  onClosed: (request: CreatorRequest) => void;
}

function CloseDialog({ pending, apiBase, onCancel, onClosed }: CloseDialogProps) {
  const { t } = useTranslation();
  const action = useAsyncAction();
  return (
    <ConfirmDialog
      open
      title={pending ? t("creators.thread.withdrawTitle") : t("creators.thread.closeTitle")}
      body={pending ? t("creators.thread.withdrawBody") : t("creators.thread.closeBody")}
      confirmLabel={pending ? t("creators.thread.withdraw") : t("creators.thread.close")}
      busy={action.busy}
      error={action.error === null ? null : errorMessage(action.error, t)}
      onCancel={onCancel}
      onConfirm={() =>
        void action.run(async () =>
          onClosed(await apiRequest("POST", `${apiBase}/close`, { schema: CreatorRequest })),
        )
      }
    />
  );
}

/** The brief as sent, with the other side's name and, once decided, the decision's note. */
function BriefFacts({ side, request }: { side: Side; request: CreatorRequest }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <div>
        <dt>{side === "creator" ? t("creators.thread.from") : t("creators.thread.to")}</dt>
        <dd>
          {side === "creator"
            ? request.business.name
            : `${request.creator.displayName} (@${request.creator.handle})`}
        </dd>
      </div>
      <div>
        <dt>{t("creators.thread.wanted")}</dt>
        <dd className="preserve-lines">{request.wanted}</dd>
      </div>
      <div>
        <dt>{t("creators.thread.timeline")}</dt>
        <dd>{request.timeline}</dd>
      </div>
      <div>
        <dt>{t("creators.thread.budget")}</dt>
        <dd>
          <BudgetRange request={request} />
        </dd>
      </div>
      {request.link && (
        <div>
          <dt>{t("creators.thread.link")}</dt>
          <dd>
            <a className="thread-link" href={request.link} target="_blank" rel="noopener noreferrer nofollow">
              {request.link} <span className="visually-hidden">{t("common.opensInNewTab")}</span>
            </a>
          </dd>
        </div>
      )}
      {request.decisionNote && (
        <div>
          <dt>{t("creators.thread.note")}</dt>
          <dd className="preserve-lines">{request.decisionNote}</dd>
        </div>
      )}
    </dl>
  );
}

interface RequestActionsProps {
  side: Side;
  status: CreatorRequest["status"];
  onDialog: (dialog: "accept" | "decline" | "close") => void;
  onReport: () => void;
}

/** The creator accepts or declines a pending request; either side closes it (the business: withdraws it). */
function RequestActions({ side, status, onDialog, onReport }: RequestActionsProps) {
  const { t } = useTranslation();
  const pending = status === "pending";
  const accepted = status === "accepted";
  return (
    <div className="actions">
      {side === "creator" && pending && (
        <>
          <Button variant="primary" onClick={() => onDialog("accept")}>
            {t("creators.thread.accept")}
          </Button>
          <Button onClick={() => onDialog("decline")}>{t("creators.thread.decline")}</Button>
        </>
      )}
      {(accepted || (side === "business" && pending)) && (
        <Button onClick={() => onDialog("close")}>
          {pending ? t("creators.thread.withdraw") : t("creators.thread.close")}
        </Button>
      )}
      <Button variant="ghost" onClick={onReport}>
        {t("creators.thread.report")}
      </Button>
    </div>
  );
}

/** A new message in the thread; the thread is read again once it is sent. */
function MessageForm({ apiBase }: { apiBase: string }) {
  const { t } = useTranslation();
  const stale = useStale();
  const form = useApiForm({
    schema: SendMessageBody,
    defaultValues: { body: "" },
    onSubmit: async (body) => {
      await apiRequest("POST", `${apiBase}/messages`, { body, schema: CreatorMessage });
      form.form.reset();
      void stale.creatorRequests(apiBase);
    },
  });
  return (
    <form className="stack" noValidate onSubmit={form.handleSubmit}>
      <TextAreaField label={t("creators.thread.write")} maxLength={2000} {...form.field("body")} />
      {form.alert && (
        <p className="field-error" role="alert">
          {form.alert.message}
        </p>
      )}
      <div className="actions">
        <Button
          type="submit"
          variant="primary"
          busy={form.submitting}
          busyLabel={t("creators.thread.sending")}
        >
          {t("creators.thread.send")}
        </Button>
      </div>
    </form>
  );
}
