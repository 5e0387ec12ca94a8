-- Hand-written: the audit records and the review steps of months are append-only. Any UPDATE or
-- DELETE of a row is refused by the database itself, whichever code path tries it.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `month_events_no_update` BEFORE UPDATE ON `month_events` BEGIN SELECT RAISE(ABORT, 'month_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `month_events_no_delete` BEFORE DELETE ON `month_events` BEGIN SELECT RAISE(ABORT, 'month_events is append-only'); END;
