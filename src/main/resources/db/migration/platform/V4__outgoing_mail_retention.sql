-- The hourly retention task finds finished messages by when they finished (PlatformRetention).
create index outgoing_mail_finished on platform.outgoing_mail (coalesce(sent_at, gave_up_at));
