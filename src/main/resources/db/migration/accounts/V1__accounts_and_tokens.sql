create schema accounts;

create table accounts.account (
    id                 uuid primary key,
    email              text not null,
    display_name       text not null,
    password_hash      text,
    preferred_language text not null default 'en',
    active             boolean not null default true,
    created_at         timestamp with time zone not null,
    version            bigint not null default 0,
    constraint account_email_lower check (email = lower(email))
);
create unique index account_email on accounts.account (email);

-- A role held by an account, for the whole district (school_id null) or for one school.
create table accounts.role_grant (
    account_id uuid not null references accounts.account (id) on delete cascade,
    role       text not null check (role in ('DISTRICT_ADMIN', 'SCHOOL_ADMIN', 'TEACHER', 'COUNSELOR',
                                             'FAMILY_LIAISON', 'ATTENDANCE_OFFICER', 'FAMILY', 'PARTNER')),
    school_id  uuid
);
create unique index role_grant_once on accounts.role_grant
    (account_id, role, coalesce(school_id, '00000000-0000-0000-0000-000000000000'));

-- API tokens are stored as SHA-256 hashes: the secret is shown once, at creation, and never kept.
create table accounts.api_token (
    id           uuid primary key,
    account_id   uuid not null references accounts.account (id) on delete cascade,
    name         text not null,
    token_hash   text not null unique,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone,
    check (expires_at > created_at)
);
create index api_token_by_account on accounts.api_token (account_id, created_at desc);
