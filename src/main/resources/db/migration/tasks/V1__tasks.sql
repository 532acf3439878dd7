create schema tasks;

-- The staff work queue. Students and guardians are the directory's, referred to by id only.
create table tasks.task (
    id          uuid primary key,
    title       varchar(200) not null check (btrim(title) <> ''),
    student_id  uuid,
    guardian_id uuid,
    assignee    varchar(320),
    due_on      date,
    status      varchar(16) not null check (status in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    outcome     text,
    source      varchar(200) not null,
    created_by  varchar(320),
    created_at  timestamp with time zone not null,
    closed_at   timestamp with time zone,
    version     bigint not null,
    -- A closed task says when it closed; an open one has not.
    check ((status in ('DONE', 'CANCELLED')) = (closed_at is not null))
);
create index task_by_assignee on tasks.task (assignee, status, due_on);
create index task_by_student on tasks.task (student_id) where student_id is not null;
create index task_by_guardian on tasks.task (guardian_id) where guardian_id is not null;

-- Notes are only ever added, in order, each with its author and time.
create table tasks.task_note (
    task_id    uuid not null references tasks.task (id),
    position   int not null,
    author     varchar(320),
    written_at timestamp with time zone not null,
    body       text not null check (btrim(body) <> ''),
    primary key (task_id, position)
);
