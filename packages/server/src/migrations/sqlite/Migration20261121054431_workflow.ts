import { Migration } from '@mikro-orm/migrations';

export class Migration20261121054431_workflow extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`idempotency_record\` (\`id\` text not null, \`user_id\` text not null, \`key\` text not null, \`operation\` text not null, \`request_hash\` text not null, \`status\` text not null, \`response\` json null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`idempotency_record_user_id_key_unique\` on \`idempotency_record\` (\`user_id\`, \`key\`);`);

    this.addSql(`create table \`patient\` (\`id\` text not null, \`nhs_number\` text not null, \`given_name\` text not null, \`family_name\` text not null, \`date_of_birth\` date not null, \`sex\` text check (\`sex\` in ('MALE', 'FEMALE', 'INDETERMINATE', 'UNKNOWN')) not null, \`address_line\` text not null, \`town\` text not null, \`postcode\` text not null, \`phone\` text null, \`email\` text null, \`registered_practice_id\` text null, \`created_at\` datetime not null, constraint \`patient_registered_practice_id_foreign\` foreign key(\`registered_practice_id\`) references \`organisation\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`patient_nhs_number_unique\` on \`patient\` (\`nhs_number\`);`);
    this.addSql(`create index \`patient_registered_practice_id_index\` on \`patient\` (\`registered_practice_id\`);`);

    this.addSql(`create table \`slot\` (\`id\` text not null, \`service_id\` text not null, \`start_at\` datetime not null, \`end_at\` datetime not null, \`for_routine\` integer not null, \`for_urgent\` integer not null, \`for_two_week_wait\` integer not null, \`clinician_name\` text null, \`clinician_id\` text null, \`status\` text check (\`status\` in ('FREE', 'HELD', 'BOOKED', 'CANCELLED')) not null default 'FREE', \`held_until\` datetime null, \`held_for_ubrn\` text null, \`published_at\` datetime not null, constraint \`slot_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`slot_service_id_index\` on \`slot\` (\`service_id\`);`);
    this.addSql(`create index \`slot_status_held_until_index\` on \`slot\` (\`status\`, \`held_until\`);`);
    this.addSql(`create index \`slot_service_id_start_at_index\` on \`slot\` (\`service_id\`, \`start_at\`);`);

    this.addSql(`create table \`referral\` (\`id\` text not null, \`ubrn\` text not null, \`access_code\` text not null, \`patient_id\` text not null, \`referring_organisation_id\` text not null, \`referring_clinician_id\` text not null, \`state\` text check (\`state\` in ('NOT_BOOKED', 'BOOKED', 'ACCEPTED', 'DEFERRED_TO_PROVIDER', 'AWAITING_TRIAGE', 'TRIAGED_PROVIDER_TO_ACTION', 'TRIAGE_RESPONSE', 'REJECTED', 'APPT_CANCELLED_BY_PATIENT', 'APPT_CANCELLED_BY_PROVIDER', 'DID_NOT_ATTEND', 'ASSESSMENT_RESULT', 'CANCELLED_REFERRAL')) not null, \`priority\` text check (\`priority\` in ('TWO_WEEK_WAIT', 'URGENT', 'ROUTINE')) not null, \`version\` integer not null, \`snapshot\` json not null, \`clinical_information\` text null, \`current_service_id\` text null, \`current_provider_id\` text null, \`parent_ubrn\` text null, \`created_at\` datetime not null, \`last_activity_at\` datetime not null, \`updated_at\` datetime not null, constraint \`referral_patient_id_foreign\` foreign key(\`patient_id\`) references \`patient\`(\`id\`) on update cascade, constraint \`referral_referring_organisation_id_foreign\` foreign key(\`referring_organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`referral_current_service_id_foreign\` foreign key(\`current_service_id\`) references \`service\`(\`id\`) on delete set null on update cascade, constraint \`referral_current_provider_id_foreign\` foreign key(\`current_provider_id\`) references \`organisation\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`referral_ubrn_unique\` on \`referral\` (\`ubrn\`);`);
    this.addSql(`create index \`referral_patient_id_index\` on \`referral\` (\`patient_id\`);`);
    this.addSql(`create index \`referral_referring_organisation_id_index\` on \`referral\` (\`referring_organisation_id\`);`);
    this.addSql(`create index \`referral_current_service_id_index\` on \`referral\` (\`current_service_id\`);`);
    this.addSql(`create index \`referral_current_provider_id_index\` on \`referral\` (\`current_provider_id\`);`);
    this.addSql(`create index \`referral_current_provider_id_state_index\` on \`referral\` (\`current_provider_id\`, \`state\`);`);
    this.addSql(`create index \`referral_referring_organisation_id_state_index\` on \`referral\` (\`referring_organisation_id\`, \`state\`);`);

    this.addSql(`create table \`referral_event\` (\`id\` text not null, \`referral_id\` text not null, \`version\` integer not null, \`type\` text not null, \`from_state\` text null, \`to_state\` text not null, \`reason\` text null, \`comment\` text null, \`user_id\` text not null, \`role\` text not null, \`organisation_id\` text not null, \`on_behalf_of_user_id\` text null, \`occurred_at\` datetime not null, \`request_id\` text null, \`details\` json null, constraint \`referral_event_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_event_referral_id_index\` on \`referral_event\` (\`referral_id\`);`);
    this.addSql(`create index \`referral_event_referral_id_version_index\` on \`referral_event\` (\`referral_id\`, \`version\`);`);

    this.addSql(`create table \`referral_document\` (\`id\` text not null, \`referral_id\` text null, \`filename\` text not null, \`content_type\` text not null, \`size_bytes\` integer not null, \`sha256\` text not null, \`content\` blob not null, \`uploaded_by_user_id\` text not null, \`uploaded_by_organisation_id\` text not null, \`uploaded_at\` datetime not null, constraint \`referral_document_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_document_referral_id_index\` on \`referral_document\` (\`referral_id\`);`);

    this.addSql(`create table \`appointment\` (\`id\` text not null, \`referral_id\` text not null, \`service_id\` text not null, \`slot_id\` text null, \`status\` text check (\`status\` in ('PROPOSED', 'BOOKED', 'CANCELLED', 'DID_NOT_ATTEND', 'FULFILLED', 'PENDING', 'FAILED')) not null, \`proposal_reason\` text null, \`start_at\` datetime null, \`end_at\` datetime null, \`clinician_id\` text null, \`cancellation_reason\` text null, \`is_current\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`appointment_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on update cascade, constraint \`appointment_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, constraint \`appointment_slot_id_foreign\` foreign key(\`slot_id\`) references \`slot\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`appointment_referral_id_index\` on \`appointment\` (\`referral_id\`);`);
    this.addSql(`create index \`appointment_service_id_index\` on \`appointment\` (\`service_id\`);`);
    this.addSql(`create index \`appointment_slot_id_index\` on \`appointment\` (\`slot_id\`);`);
    this.addSql(`create unique index "appointment_one_active_per_slot" on "appointment" ("slot_id") where "status" in ('PENDING', 'BOOKED');`);

    this.addSql(`create table \`worklist_entry\` (\`id\` text not null, \`referral_id\` text not null, \`ubrn\` text not null, \`organisation_id\` text not null, \`worklist\` text not null, \`priority\` text not null, \`priority_rank\` integer not null, \`sort_at\` datetime not null, \`state\` text not null, \`state_changed_at\` datetime not null, \`service_id\` text null, \`specialty_code\` text null, \`clinician_id\` text null, \`letter_due_at\` datetime null, \`patient_contact_by\` date null, \`request_context_status\` text null, constraint \`worklist_entry_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`worklist_entry_referral_id_index\` on \`worklist_entry\` (\`referral_id\`);`);
    this.addSql(`create index \`worklist_entry_page\` on \`worklist_entry\` (\`organisation_id\`, \`worklist\`, \`priority_rank\`, \`sort_at\`, \`ubrn\`);`);

    this.addSql(`alter table \`service\` add column \`booking_windows\` json null;`);
    this.addSql(`alter table \`service\` add column \`reservation_days\` integer not null default 0;`);
    this.addSql(`alter table \`service\` add column \`indicative_wait_days\` integer null;`);
  }

}
