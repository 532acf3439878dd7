-- A role at one school is the directory's staff assignment, so an account's grants are all
-- district-wide and nothing ever wrote school_id. Sign-in already turned every row into its role
-- whatever its school_id said, so keeping one row per account and role changes nobody's rights.
delete from accounts.role_grant later
 using accounts.role_grant earlier
 where later.account_id = earlier.account_id and later.role = earlier.role and later.ctid > earlier.ctid;

drop index accounts.role_grant_once;
alter table accounts.role_grant drop column school_id;
alter table accounts.role_grant add primary key (account_id, role);
