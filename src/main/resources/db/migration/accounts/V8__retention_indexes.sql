-- The hourly retention task (AccountsRetention) finds old rows by time; without these indexes each
-- run would read the whole table.
create index throttle_event_by_time on accounts.throttle_event (at);
create index sign_in_code_by_expiry on accounts.sign_in_code (expires_at);
create index account_link_by_expiry on accounts.account_link (expires_at);
