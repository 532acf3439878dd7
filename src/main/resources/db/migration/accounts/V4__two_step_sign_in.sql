-- A staff member's second factor: a TOTP secret (RFC 6238) for an authenticator app. The last
-- time step used is kept so that a code, once accepted, cannot be replayed within its window.
create table accounts.second_factor (
    account_id uuid primary key references accounts.account (id) on delete cascade,
    secret     text not null,
    enabled_at timestamp with time zone not null,
    last_step  bigint not null default 0
);

-- One-use recovery codes for a lost phone, stored as SHA-256 hashes: each has 60 random bits,
-- shown once when made.
create table accounts.recovery_code (
    account_id uuid not null references accounts.account (id) on delete cascade,
    code_hash  text not null,
    used_at    timestamp with time zone,
    primary key (account_id, code_hash)
);

-- The district's rule on two-step sign-in. Administrators always need it outside demo mode;
-- all_staff extends that to every member of staff; in_demo makes demo mode follow the rule too.
create table accounts.two_step_policy (
    singleton  boolean primary key default true check (singleton),
    all_staff  boolean not null default false,
    in_demo    boolean not null default false,
    changed_by text,
    changed_at timestamp with time zone
);
insert into accounts.two_step_policy (singleton) values (true);
