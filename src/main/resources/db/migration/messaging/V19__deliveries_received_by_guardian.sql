-- The reach report (issue 18) reads, for every guardian in scope, the announcements they received
-- (a delivery SENT or DELIVERED) and in which language: this index answers that guardian by guardian
-- without touching the table. Partial, so that deliveries still queued, failed or skipped (the
-- ones the worker keeps rewriting) are not in it.
create index delivery_received_by_guardian on messaging.delivery (guardian_id, announcement_id) include (language)
    where status in ('SENT', 'DELIVERED');
