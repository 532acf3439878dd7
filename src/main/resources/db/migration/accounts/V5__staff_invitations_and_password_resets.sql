-- When each account last signed in, for the administrators' account list.
alter table accounts.account add column last_signed_in_at timestamp with time zone;

-- Links sent by e-mail: an invitation to a staff record (7 days), or a password reset for an
-- account (1 hour). Only a SHA-256 hash of the link's token is kept; each link works once.
create table accounts.account_link (
    id         uuid primary key,
    purpose    text not null check (purpose in ('INVITATION', 'PASSWORD_RESET')),
    token_hash text not null unique,
    staff_id   uuid,
    account_id uuid references accounts.account (id) on delete cascade,
    email      text not null check (email = lower(email)),
    language   text not null,
    created_by text,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    check (expires_at > created_at),
    check ((purpose = 'INVITATION' and staff_id is not null)
        or (purpose = 'PASSWORD_RESET' and account_id is not null))
);
-- Re-inviting replaces the old link, so a staff record has at most one open invitation.
create unique index account_link_one_open_invitation on accounts.account_link (staff_id)
    where purpose = 'INVITATION' and used_at is null;
create index account_link_by_account on accounts.account_link (account_id) where account_id is not null;
