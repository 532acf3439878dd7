-- Devices a person chose to stay signed in on (Spring Security's persistent remember-me tokens):
-- a series per device, its current token, and when it was last used. Deleting a row signs that
-- device out.
create table persistent_logins (
    username  varchar(64) not null,
    series    varchar(64) primary key,
    token     varchar(64) not null,
    last_used timestamp not null
);
create index persistent_logins_by_username on persistent_logins (username);
