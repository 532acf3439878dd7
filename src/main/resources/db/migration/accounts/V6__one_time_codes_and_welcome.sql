-- One-time codes serve two purposes now: signing in with a contact on file, and proving that a
-- family holds a contact it has just added. A verification code belongs to the account that asked
-- for it, so that nobody else can confirm that contact with it; a sign-in code belongs to no account.
-- The table keeps its first name so that nothing reading it needs to change.
alter table accounts.sign_in_code
    add column purpose text not null default 'SIGN_IN' check (purpose in ('SIGN_IN', 'VERIFY_CONTACT')),
    add column account_id uuid references accounts.account (id) on delete cascade,
    add constraint sign_in_code_account_for_verification check ((purpose = 'VERIFY_CONTACT') = (account_id is not null));
drop index accounts.sign_in_code_by_contact;
create index one_time_code_pending on accounts.sign_in_code (purpose, contact, created_at desc);

-- The welcome (contacts, language, best times) is offered at a family's first web sign-in, until
-- it is finished or skipped. The contact an account last signed in with may only be removed
-- by replacing it, so that the family is never left without a way back in.
alter table accounts.account
    add column welcome_settled_at timestamp with time zone,
    add column sign_in_contact text;
