-- Every ledger transaction must balance: its entries sum to zero, and there are at least two.
-- Checked at commit (deferred), so a transaction may insert its entries one by one.
CREATE FUNCTION ledger_transaction_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
  entry_count integer;
BEGIN
  SELECT coalesce(sum(amount_micros), 0), count(*) INTO total, entry_count
    FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
  IF total <> 0 OR entry_count < 2 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance (sum %, % entries)', NEW.transaction_id, total, entry_count
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced
  AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balances();
--> statement-breakpoint
-- Entries are history: corrections are new transactions, never edits.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_update_or_delete
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
--> statement-breakpoint
INSERT INTO ledger_accounts (business_id, kind)
  SELECT NULL, kind FROM unnest(ARRAY['payment_clearing', 'promo_grants', 'ad_revenue', 'promo_expired', 'payouts']) AS kind;
