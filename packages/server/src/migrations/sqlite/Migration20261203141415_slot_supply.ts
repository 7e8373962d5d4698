import { Migration } from '@mikro-orm/migrations';

export class Migration20261203141415_slot_supply extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`background_job\` (\`id\` text not null, \`name\` text not null, \`payload\` json not null, \`state\` text not null, \`singleton_key\` text null, \`attempts\` integer not null default 0, \`max_attempts\` integer not null default 3, \`run_after\` datetime not null, \`last_error\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`background_job_state_run_after_index\` on \`background_job\` (\`state\`, \`run_after\`);`);

    this.addSql(`create table \`slot_schedule\` (\`id\` text not null, \`service_id\` text not null, \`label\` text not null, \`weekdays\` json not null, \`start_time\` text not null, \`session_minutes\` integer not null, \`slot_minutes\` integer not null, \`priorities\` json not null, \`clinician_id\` text null, \`clinician_name\` text null, \`valid_from\` date not null, \`valid_to\` date null, \`every_weeks\` integer not null default 1, \`include_bank_holidays\` integer not null default false, \`active\` integer not null default true, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`created_by_user_id\` text null, constraint \`slot_schedule_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`slot_schedule_service_id_index\` on \`slot_schedule\` (\`service_id\`);`);

    this.addSql(`create table \`service_version\` (\`id\` text not null, \`service_id\` text not null, \`version\` integer not null, \`kind\` text not null, \`changed_at\` datetime not null, \`changed_by_user_id\` text null, \`changed_by_name\` text not null, \`changes\` json not null, \`definition\` json not null, constraint \`service_version_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`service_version_service_id_index\` on \`service_version\` (\`service_id\`);`);
    this.addSql(`create index \`service_version_changed_at_index\` on \`service_version\` (\`changed_at\`);`);
    this.addSql(`create unique index \`service_version_service_id_version_unique\` on \`service_version\` (\`service_id\`, \`version\`);`);

    this.addSql(`create table \`schedule_exception\` (\`id\` text not null, \`service_id\` text not null, \`schedule_id\` text null, \`date\` date not null, \`kind\` text check (\`kind\` in ('CANCEL_SESSION', 'EXTRA_SESSION')) not null, \`start_time\` text null, \`session_minutes\` integer null, \`slot_minutes\` integer null, \`priorities\` json null, \`clinician_id\` text null, \`clinician_name\` text null, \`reason\` text null, \`created_at\` datetime not null, \`created_by_user_id\` text null, constraint \`schedule_exception_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, constraint \`schedule_exception_schedule_id_foreign\` foreign key(\`schedule_id\`) references \`slot_schedule\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`schedule_exception_service_id_index\` on \`schedule_exception\` (\`service_id\`);`);
    this.addSql(`create index \`schedule_exception_schedule_id_index\` on \`schedule_exception\` (\`schedule_id\`);`);
    this.addSql(`create index \`schedule_exception_service_id_date_index\` on \`schedule_exception\` (\`service_id\`, \`date\`);`);

    this.addSql(`alter table \`service\` add column \`draft\` integer not null default false;`);
    this.addSql(`alter table \`service\` add column \`named_clinicians\` json null;`);
    this.addSql(`alter table \`service\` add column \`slot_issue_policy\` text not null default 'LEAVE';`);
    this.addSql(`alter table \`service\` add column \`offer_hold_hours\` integer not null default 48;`);
    this.addSql(`alter table \`service\` add column \`publication_weeks\` integer not null default 26;`);
    this.addSql(`alter table \`service\` add column \`additional_requirements\` text null;`);

    // The slot status check gains BLOCKED. SQLite cannot alter a check, so the table is rebuilt.
    // Dropping `slot` while `appointment` refers to it would null every slot_id (ON DELETE SET
    // NULL), and `pragma foreign_keys = off` does nothing inside the migration's transaction, so
    // the appointments are set aside first and the table rebuilt after.
    this.addSql(`create table \`slot__new\` (\`id\` text not null, \`service_id\` text not null, \`start_at\` datetime not null, \`end_at\` datetime not null, \`for_routine\` integer not null, \`for_urgent\` integer not null, \`for_two_week_wait\` integer not null, \`clinician_name\` text null, \`clinician_id\` text null, \`status\` text check (\`status\` in ('FREE', 'HELD', 'BOOKED', 'BLOCKED', 'CANCELLED')) not null default 'FREE', \`held_until\` datetime null, \`held_for_ubrn\` text null, \`published_at\` datetime not null, \`source_key\` text null, \`schedule_id\` text null, \`offer\` integer not null default false, \`status_reason\` text null, \`status_comment\` text null, constraint \`slot_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`slot__new\` (\`id\`, \`service_id\`, \`start_at\`, \`end_at\`, \`for_routine\`, \`for_urgent\`, \`for_two_week_wait\`, \`clinician_name\`, \`clinician_id\`, \`status\`, \`held_until\`, \`held_for_ubrn\`, \`published_at\`) select \`id\`, \`service_id\`, \`start_at\`, \`end_at\`, \`for_routine\`, \`for_urgent\`, \`for_two_week_wait\`, \`clinician_name\`, \`clinician_id\`, \`status\`, \`held_until\`, \`held_for_ubrn\`, \`published_at\` from \`slot\`;`);
    this.addSql(`create table \`appointment__saved\` as select * from \`appointment\`;`);
    this.addSql(`drop table \`appointment\`;`);
    this.addSql(`drop table \`slot\`;`);
    this.addSql(`alter table \`slot__new\` rename to \`slot\`;`);
    this.addSql(`create index \`slot_service_id_index\` on \`slot\` (\`service_id\`);`);
    this.addSql(`create index \`slot_status_held_until_index\` on \`slot\` (\`status\`, \`held_until\`);`);
    this.addSql(`create index \`slot_service_id_start_at_index\` on \`slot\` (\`service_id\`, \`start_at\`);`);
    this.addSql(`create unique index \`slot_service_source_key_unique\` on \`slot\` (\`service_id\`, \`source_key\`);`);
    this.addSql(`create table \`appointment\` (\`id\` text not null, \`referral_id\` text not null, \`service_id\` text not null, \`slot_id\` text null, \`status\` text check (\`status\` in ('PROPOSED', 'BOOKED', 'CANCELLED', 'DID_NOT_ATTEND', 'FULFILLED', 'PENDING', 'FAILED')) not null, \`proposal_reason\` text null, \`start_at\` datetime null, \`end_at\` datetime null, \`clinician_id\` text null, \`cancellation_reason\` text null, \`is_current\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`appointment_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on update cascade, constraint \`appointment_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, constraint \`appointment_slot_id_foreign\` foreign key(\`slot_id\`) references \`slot\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`appointment\` (\`id\`, \`referral_id\`, \`service_id\`, \`slot_id\`, \`status\`, \`proposal_reason\`, \`start_at\`, \`end_at\`, \`clinician_id\`, \`cancellation_reason\`, \`is_current\`, \`created_at\`, \`updated_at\`) select \`id\`, \`referral_id\`, \`service_id\`, \`slot_id\`, \`status\`, \`proposal_reason\`, \`start_at\`, \`end_at\`, \`clinician_id\`, \`cancellation_reason\`, \`is_current\`, \`created_at\`, \`updated_at\` from \`appointment__saved\`;`);
    this.addSql(`drop table \`appointment__saved\`;`);
    this.addSql(`create index \`appointment_referral_id_index\` on \`appointment\` (\`referral_id\`);`);
    this.addSql(`create index \`appointment_service_id_index\` on \`appointment\` (\`service_id\`);`);
    this.addSql(`create index \`appointment_slot_id_index\` on \`appointment\` (\`slot_id\`);`);
    this.addSql(`create unique index "appointment_one_active_per_slot" on "appointment" ("slot_id") where "status" in ('PENDING', 'BOOKED');`);
  }

}
