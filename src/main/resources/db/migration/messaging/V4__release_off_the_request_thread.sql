-- The delivery worker releases every announcement, also one sent "now", so that a request answers at
-- once whatever the audience. A release that fails is tried again later, each wait twice the last,
-- and after so many attempts the announcement is FAILED, with the reason shown to its sender.
alter table messaging.announcement drop constraint announcement_status_check;
alter table messaging.announcement add constraint announcement_status_check
    check (status in ('SCHEDULED', 'RELEASED', 'CANCELLED', 'FAILED'));
alter table messaging.announcement add column release_attempts int not null default 0 check (release_attempts >= 0);
alter table messaging.announcement add column next_release_at timestamp with time zone;
alter table messaging.announcement add column release_error text;
alter table messaging.announcement add constraint announcement_failed_says_why check (status <> 'FAILED' or release_error is not null);
drop index messaging.announcement_due;
create index announcement_due on messaging.announcement (coalesce(next_release_at, scheduled_at)) where status = 'SCHEDULED';
