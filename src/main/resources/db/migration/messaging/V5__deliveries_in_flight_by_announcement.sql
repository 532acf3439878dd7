-- The announcements list asks, for each row, whether any delivery is still queued or sending. The
-- unique (announcement_id, guardian_id, channel) index finds an announcement's deliveries but not
-- their status, so a finished announcement to a whole district would be read row by row; this
-- index holds only the deliveries not yet final, which are few.
create index delivery_in_flight_by_announcement on messaging.delivery (announcement_id) where status in ('QUEUED', 'SENDING');
