create schema directory;

-- One district per installation; its time zone is the clock every date in Homeroom is read by.
create table directory.district (
    id        uuid primary key,
    name      text not null,
    time_zone text not null,
    singleton boolean not null default true unique check (singleton)
);

create table directory.school (
    id        uuid primary key,
    source_id text unique,
    name      text not null,
    kind      text not null check (kind in ('ELEMENTARY', 'MIDDLE', 'HIGH', 'OTHER')),
    active    boolean not null default true
);

create table directory.school_year (
    id        uuid primary key,
    source_id text unique,
    name      text not null,
    starts_on date not null,
    ends_on   date not null check (ends_on > starts_on)
);

create table directory.term (
    id             uuid primary key,
    source_id      text unique,
    school_year_id uuid not null references directory.school_year (id),
    name           text not null,
    starts_on      date not null,
    ends_on        date not null check (ends_on > starts_on)
);

-- Grades use OneRoster's codes (IT, PR, PK, TK, KG, 01 … 13, PS, UG, Other).
create table directory.student (
    id              uuid primary key,
    source_id       text unique,
    given_name      text not null,
    family_name     text not null,
    grade           text not null,
    birth_date      date,
    english_learner boolean not null default false,
    iep             boolean not null default false,
    section_504     boolean not null default false,
    active          boolean not null default true,
    version         bigint not null default 0
);
create index student_by_name on directory.student (lower(family_name), lower(given_name));

-- Kept for equity reporting only; never shown beside a student's name.
create table directory.student_demographics (
    student_id         uuid primary key references directory.student (id) on delete cascade,
    sex                text,
    hispanic_or_latino boolean,
    races              text[] not null default '{}'
);

-- Enrolment periods per school, so that a mid-year transfer is exact to the day.
create table directory.enrolment (
    id         uuid primary key,
    student_id uuid not null references directory.student (id),
    school_id  uuid not null references directory.school (id),
    starts_on  date not null,
    ends_on    date,
    check (ends_on is null or ends_on >= starts_on)
);
create index enrolment_by_student on directory.enrolment (student_id, starts_on);
create index enrolment_by_school on directory.enrolment (school_id, student_id);

create table directory.guardian (
    id                 uuid primary key,
    source_id          text unique,
    given_name         text not null,
    family_name        text not null,
    preferred_language text not null default 'en',
    preferred_channels text[] not null default '{}',
    best_times         text,
    active             boolean not null default true,
    version            bigint not null default 0
);
create index guardian_by_name on directory.guardian (lower(family_name), lower(given_name));

-- E-mail addresses are lower-cased; phones are E.164 when they parse, and kept as given but
-- flagged invalid when they do not. Two guardians may share a contact point.
create table directory.contact_point (
    id          uuid primary key,
    guardian_id uuid not null references directory.guardian (id) on delete cascade,
    kind        text not null check (kind in ('EMAIL', 'PHONE')),
    value       text not null,
    valid       boolean not null,
    position    int not null,
    unique (guardian_id, kind, value)
);
create index contact_point_by_value on directory.contact_point (value);

create table directory.guardianship (
    guardian_id        uuid not null references directory.guardian (id),
    student_id         uuid not null references directory.student (id),
    relationship       text not null check (relationship in ('PARENT', 'GUARDIAN', 'STEP_PARENT', 'GRANDPARENT',
                                                              'RELATIVE', 'FOSTER_PARENT', 'OTHER')),
    lives_with         boolean not null default false,
    emergency_contact  boolean not null default false,
    educational_rights boolean not null default true,
    primary key (guardian_id, student_id)
);
create index guardianship_by_student on directory.guardianship (student_id);

-- A restriction between one guardian and one student, e.g. from a court order. Set by hand
-- (MANUAL) or by an import (IMPORT); an import may tighten but never loosen a manual one.
create table directory.restriction (
    id          uuid primary key,
    guardian_id uuid not null references directory.guardian (id),
    student_id  uuid not null references directory.student (id),
    type        text not null check (type in ('NO_CONTACT', 'NO_RECORDS', 'NO_PICKUP')),
    starts_on   date not null,
    ends_on     date,
    source      text not null,
    origin      text not null check (origin in ('MANUAL', 'IMPORT')),
    lifted_at   timestamp with time zone,
    check (ends_on is null or ends_on >= starts_on)
);
create index restriction_by_pair on directory.restriction (student_id, guardian_id);

create table directory.restriction_audit (
    id             uuid primary key,
    restriction_id uuid not null references directory.restriction (id),
    action         text not null check (action in ('SET', 'CHANGED', 'LIFTED')),
    actor          text not null,
    at             timestamp with time zone not null,
    note           text
);
create index restriction_audit_by_restriction on directory.restriction_audit (restriction_id, at);

create table directory.staff (
    id          uuid primary key,
    source_id   text unique,
    given_name  text not null,
    family_name text not null,
    email       text unique check (email = lower(email)),
    active      boolean not null default true
);

-- Where a member of staff works and in which role; the access policy reads this.
create table directory.staff_assignment (
    staff_id  uuid not null references directory.staff (id),
    school_id uuid not null references directory.school (id),
    role      text not null check (role in ('SCHOOL_ADMIN', 'TEACHER', 'COUNSELOR', 'FAMILY_LIAISON',
                                            'ATTENDANCE_OFFICER')),
    primary key (staff_id, school_id, role)
);
create index staff_assignment_by_school on directory.staff_assignment (school_id);

create table directory.section (
    id          uuid primary key,
    source_id   text unique,
    school_id   uuid not null references directory.school (id),
    term_id     uuid references directory.term (id),
    title       text not null,
    course_code text,
    active      boolean not null default true
);
create index section_by_school on directory.section (school_id);

create table directory.section_teacher (
    section_id uuid not null references directory.section (id),
    staff_id   uuid not null references directory.staff (id),
    primary key (section_id, staff_id)
);
create index section_teacher_by_staff on directory.section_teacher (staff_id);

create table directory.section_enrolment (
    section_id uuid not null references directory.section (id),
    student_id uuid not null references directory.student (id),
    starts_on  date not null,
    ends_on    date,
    primary key (section_id, student_id, starts_on),
    check (ends_on is null or ends_on >= starts_on)
);
create index section_enrolment_by_student on directory.section_enrolment (student_id);
