-- Two-way threads between staff and a student's guardians, about that one student. A thread is
-- addressed to one member of staff, or to a school's office (its administrators and family
-- liaisons answer it). Its guardians are one household by default; a shared thread, opened so by
-- staff, holds every guardian who may be contacted, and shows each only the others' names.
create table messaging.conversation (
    id               uuid primary key,
    student_id       uuid not null,
    school_id        uuid not null,
    staff_id         uuid,
    addressed_to     text not null check (addressed_to in ('STAFF', 'OFFICE')),
    shared           boolean not null default false,
    started_by       text not null check (started_by in ('STAFF', 'GUARDIAN')),
    status           text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    -- Which side wrote last: a thread whose last word is the family's waits for staff.
    last_author_side text not null check (last_author_side in ('STAFF', 'GUARDIAN', 'SYSTEM')),
    created_at       timestamp with time zone not null,
    last_activity_at timestamp with time zone not null,
    check ((addressed_to = 'STAFF') = (staff_id is not null))
);
create index conversation_by_staff on messaging.conversation (staff_id, last_activity_at desc);
create index conversation_by_school_office on messaging.conversation (school_id, last_activity_at desc)
    where addressed_to = 'OFFICE';
create index conversation_by_student on messaging.conversation (student_id, last_activity_at desc);
create index conversation_unanswered on messaging.conversation (staff_id)
    where last_author_side = 'GUARDIAN' and status = 'OPEN';

create table messaging.conversation_guardian (
    conversation_id uuid not null references messaging.conversation (id) on delete cascade,
    guardian_id     uuid not null,
    primary key (conversation_id, guardian_id)
);
create index conversation_guardian_by_guardian on messaging.conversation_guardian (guardian_id);

-- A message as it was shown: the author's name and role are kept as they were when it was sent,
-- so a later change of name or post does not rewrite what families read. Staff cannot delete a
-- delivered message; a correction is a new message pointing at the one it corrects.
create table messaging.conversation_message (
    id                  uuid primary key,
    conversation_id     uuid not null references messaging.conversation (id) on delete cascade,
    author_side         text not null check (author_side in ('STAFF', 'GUARDIAN', 'SYSTEM')),
    author_staff_id     uuid,
    author_guardian_id  uuid,
    author_name         text not null check (char_length(author_name) <= 300),
    author_role         text not null check (author_role in ('TEACHER', 'COUNSELOR', 'SCHOOL_ADMIN', 'FAMILY_LIAISON',
                                                            'ATTENDANCE_OFFICER', 'DISTRICT_ADMIN', 'STAFF',
                                                            'GUARDIAN', 'SYSTEM')),
    author_grade        text check (char_length(author_grade) <= 20),
    body                text not null check (btrim(body) <> '' and char_length(body) <= 5000),
    created_at          timestamp with time zone not null,
    delivered_at        timestamp with time zone,
    read_at             timestamp with time zone,
    corrects_message_id uuid references messaging.conversation_message (id),
    check ((author_side = 'STAFF') = (author_staff_id is not null)),
    check ((author_side = 'GUARDIAN') = (author_guardian_id is not null)),
    check (read_at is null or delivered_at is not null)
);
create index conversation_message_by_conversation on messaging.conversation_message (conversation_id, created_at);
create index conversation_message_by_guardian on messaging.conversation_message (author_guardian_id, created_at desc)
    where author_guardian_id is not null;

-- A message reported as abusive, by either side; it goes to the school's administrators.
create table messaging.conversation_report (
    id          uuid primary key,
    message_id  uuid not null references messaging.conversation_message (id) on delete cascade,
    school_id   uuid not null,
    reported_by text not null,
    reporter_side text not null check (reporter_side in ('STAFF', 'GUARDIAN')),
    reason      text not null check (char_length(reason) <= 1000),
    created_at  timestamp with time zone not null,
    resolved_at timestamp with time zone,
    resolved_by text,
    unique (message_id, reported_by)
);
create index conversation_report_open_by_school on messaging.conversation_report (school_id, created_at desc)
    where resolved_at is null;

-- Which members of staff were sent the daily digest of unanswered conversations on which day, so
-- that each gets one a day whichever node runs the task. One narrow row per person a day.
create table messaging.conversation_digest (
    staff_id uuid not null,
    sent_on  date not null,
    primary key (staff_id, sent_on)
);
