-- The files a conversation message carries (at most 3, in the order sent). The attachment's own row
-- is the attachments' business; this link is the conversation's. Deleting a message (retention)
-- drops its links; retention deletes the attachments themselves through Attachments.delete.
create table messaging.conversation_attachment (
    message_id    uuid not null references messaging.conversation_message (id) on delete cascade,
    attachment_id uuid not null unique references messaging.attachment (id) on delete cascade,
    position      smallint not null check (position between 0 and 2),
    primary key (message_id, position)
);

-- The automatic answer outside office hours goes once per closed period: this is when the period
-- it was sent for ends (the next opening), so a family writing again before then gets no second one.
alter table messaging.conversation add column auto_answered_until timestamp with time zone;

-- Who closed a thread, and when: a closed thread takes no new message.
alter table messaging.conversation add column closed_at timestamp with time zone;
alter table messaging.conversation add column closed_by text check (char_length(closed_by) <= 300);
alter table messaging.conversation add check ((status = 'CLOSED') = (closed_at is not null));

-- Retention deletes threads by their last activity.
create index conversation_by_last_activity on messaging.conversation (last_activity_at);
