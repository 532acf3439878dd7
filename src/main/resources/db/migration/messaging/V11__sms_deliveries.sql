-- Announcements may go by SMS, to the guardian's first valid, verified phone (E.164). A text is
-- SENT when Twilio took it; its status callback then moves it to DELIVERED, UNDELIVERED or FAILED.
alter table messaging.announcement drop constraint announcement_channels_check;
alter table messaging.announcement add constraint announcement_channels_check
    check (cardinality(channels) > 0 and channels <@ array['IN_APP', 'EMAIL', 'SMS']);

alter table messaging.delivery drop constraint delivery_channel_check;
alter table messaging.delivery add constraint delivery_channel_check check (channel in ('IN_APP', 'EMAIL', 'SMS'));
alter table messaging.delivery add constraint delivery_sms_has_number
    check (channel <> 'SMS' or address ~ '^\+[1-9][0-9]{6,14}$');

alter table messaging.delivery drop constraint delivery_status_check;
alter table messaging.delivery add constraint delivery_status_check
    check (status in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'UNCERTAIN', 'SKIPPED'));

alter table messaging.delivery drop constraint delivery_skipped_reason_check;
alter table messaging.delivery add constraint delivery_skipped_reason_check
    check (skipped_reason in ('NO_CONTACT_RESTRICTION', 'NO_USABLE_CONTACT', 'NO_EMAIL', 'NO_PHONE', 'OPTED_OUT_EMAIL',
                              'OPTED_OUT_IN_APP', 'OPTED_OUT_SMS'));

-- Twilio's id of the text, which its status callbacks name.
alter table messaging.delivery add column provider_sid text;
create unique index delivery_by_provider_sid on messaging.delivery (provider_sid) where provider_sid is not null;

-- A fallback: a delivery on another channel, made when the guardian had none of the chosen
-- channels (fallback_from null) or when the delivery fallback_from failed for good.
alter table messaging.delivery add column fallback boolean not null default false;
alter table messaging.delivery add column fallback_from uuid references messaging.delivery (id);
alter table messaging.delivery add constraint delivery_fallback_from_is_fallback check (fallback_from is null or fallback);

-- The phone the audience resolved to, as the e-mail address is kept.
alter table messaging.recipient add column phone text;

-- A family may decline news and events by SMS too, as by e-mail or in the app.
alter table messaging.opt_out drop constraint opt_out_channel_check;
alter table messaging.opt_out add constraint opt_out_channel_check check (channel in ('IN_APP', 'EMAIL', 'SMS'));
