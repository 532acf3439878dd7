-- Human review (issue 18): staff who may approve translations into a language, the message
-- categories whose translations wait for them, the requests waiting, and the approved texts that
-- are reused for later identical messages.

-- A "translator" grant: the staff record (directory.staff.id) may review translations into a
-- language (its primary tag, e.g. es, zh).
create table translation.translator (
    staff_id   uuid not null,
    language   varchar(8) not null check (language ~ '^[a-z]{2,3}$'),
    granted_by varchar(320) not null,
    granted_at timestamp with time zone not null,
    primary key (staff_id, language)
);
create index translator_by_language on translation.translator (language);

-- The categories (messaging's names, as text: translation does not know them) whose translations
-- wait for a reviewer. A row exists only for a category the district chose.
create table translation.review_category (
    category   varchar(40) primary key check (category ~ '^[A-Z_]{1,40}$'),
    chosen_by  varchar(320) not null,
    chosen_at  timestamp with time zone not null
);

-- A machine translation waiting for a reviewer: one per text (its SHA-256 with the source
-- language) and target language, whatever the number of announcements that carry it. The
-- deadline is set for urgent messages; once it passed, the machine text went out and the
-- reviewers were told (told_at), and the request stays, so that an approval still serves the
-- next identical message. Approving deletes it and keeps the text in reviewed_text.
create table translation.review_request (
    id              uuid primary key,
    source_hash     char(64) not null,
    source_language varchar(8) not null,
    language        varchar(8) not null check (language ~ '^[a-z]{2,3}$'),
    source_texts    text[] not null check (cardinality(source_texts) between 1 and 10),
    machine_texts   text[] not null check (cardinality(machine_texts) = cardinality(source_texts)),
    engine          varchar(40) not null,
    requested_at    timestamp with time zone not null,
    deadline        timestamp with time zone,
    told_at         timestamp with time zone,
    unique (source_hash, language)
);
create index review_request_by_language on translation.review_request (language, requested_at);

-- A reviewer's approved text, used instead of any engine for the same source text and language.
create table translation.reviewed_text (
    source_hash     char(64) not null,
    source_language varchar(8) not null,
    language        varchar(8) not null check (language ~ '^[a-z]{2,3}$'),
    texts           text[] not null check (cardinality(texts) between 1 and 10),
    reviewed_by     uuid not null,
    reviewed_at     timestamp with time zone not null,
    primary key (source_hash, language)
);
