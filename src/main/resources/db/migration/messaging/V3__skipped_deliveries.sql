-- A delivery is checked again just before it is handed to its channel: a no-contact restriction
-- entered since the release, a family's changed choice, or a contact no longer usable stops it.
-- Such a row is SKIPPED, never sent, and keeps why, for the report.
alter table messaging.delivery drop constraint delivery_status_check;
alter table messaging.delivery add constraint delivery_status_check
    check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN', 'SKIPPED'));
alter table messaging.delivery add column skipped_reason text
    check (skipped_reason in ('NO_CONTACT_RESTRICTION', 'NO_USABLE_CONTACT', 'NO_EMAIL', 'OPTED_OUT_EMAIL', 'OPTED_OUT_IN_APP'));
alter table messaging.delivery add constraint delivery_skipped_has_reason check ((status = 'SKIPPED') = (skipped_reason is not null));
