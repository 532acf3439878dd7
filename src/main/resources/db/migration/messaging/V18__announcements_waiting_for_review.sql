-- An announcement whose translation waits for a reviewer stays SCHEDULED; these say which
-- languages it waits for, since when and until when (an urgent one's deadline, none otherwise),
-- for its sender's page, and whether its sender chose to send the machine translation without
-- waiting (who chose it).
alter table messaging.announcement add column review_languages text[];
alter table messaging.announcement add column review_since timestamp with time zone;
alter table messaging.announcement add column review_until timestamp with time zone;
alter table messaging.announcement add column machine_release_by varchar(320);
