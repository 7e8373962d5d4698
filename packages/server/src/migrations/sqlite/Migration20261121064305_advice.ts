import { Migration } from '@mikro-orm/migrations';

export class Migration20261121064305_advice extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`advice_request\` (\`id\` text not null, \`ubrn\` text not null, \`patient_id\` text not null, \`referring_organisation_id\` text not null, \`referring_clinician_id\` text not null, \`service_id\` text not null, \`provider_organisation_id\` text not null, \`state\` text check (\`state\` in ('PROVIDER_RESPONSE_REQUIRED', 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION', 'REFERRER_TO_REVIEW_RESPONSE', 'CONVERSATION_ENDED_CANCELLED', 'CONVERSATION_ENDED_CLOSED', 'ADVICE_CONVERTED')) not null, \`priority\` text check (\`priority\` in ('TWO_WEEK_WAIT', 'URGENT', 'ROUTINE')) not null, \`provider_conversion_authorisation\` text check (\`provider_conversion_authorisation\` in ('AUTHORISED_TO_CONVERT', 'NOT_AUTHORISED_TO_CONVERT')) not null, \`version\` integer not null, \`snapshot\` json not null, \`created_at\` datetime not null, \`state_changed_at\` datetime not null, \`first_responded_at\` datetime null, \`last_activity_at\` datetime not null, \`updated_at\` datetime not null, constraint \`advice_request_patient_id_foreign\` foreign key(\`patient_id\`) references \`patient\`(\`id\`) on update cascade, constraint \`advice_request_referring_organisation_id_foreign\` foreign key(\`referring_organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`advice_request_service_id_foreign\` foreign key(\`service_id\`) references \`service\`(\`id\`) on update cascade, constraint \`advice_request_provider_organisation_id_foreign\` foreign key(\`provider_organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`advice_request_ubrn_unique\` on \`advice_request\` (\`ubrn\`);`);
    this.addSql(`create index \`advice_request_patient_id_index\` on \`advice_request\` (\`patient_id\`);`);
    this.addSql(`create index \`advice_request_referring_organisation_id_index\` on \`advice_request\` (\`referring_organisation_id\`);`);
    this.addSql(`create index \`advice_request_service_id_index\` on \`advice_request\` (\`service_id\`);`);
    this.addSql(`create index \`advice_request_provider_organisation_id_index\` on \`advice_request\` (\`provider_organisation_id\`);`);
    this.addSql(`create index \`advice_request_provider_organisation_id_state_index\` on \`advice_request\` (\`provider_organisation_id\`, \`state\`);`);
    this.addSql(`create index \`advice_request_referring_organisation_id_state_index\` on \`advice_request\` (\`referring_organisation_id\`, \`state\`);`);

    this.addSql(`create table \`advice_message\` (\`id\` text not null, \`advice_request_id\` text not null, \`version\` integer not null, \`kind\` text not null, \`author\` text not null, \`user_id\` text not null, \`role\` text not null, \`organisation_id\` text not null, \`on_behalf_of_user_id\` text null, \`sent_at\` datetime not null, \`text\` text not null, \`outcome\` text null, \`recommendation\` text null, \`priority\` text null, \`request_id\` text null, constraint \`advice_message_advice_request_id_foreign\` foreign key(\`advice_request_id\`) references \`advice_request\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`advice_message_advice_request_id_index\` on \`advice_message\` (\`advice_request_id\`);`);
    this.addSql(`create unique index \`advice_message_advice_request_id_version_unique\` on \`advice_message\` (\`advice_request_id\`, \`version\`);`);

    // Written by hand: SQLite cannot make `referral_id` nullable in place, so `worklist_entry`
    // is rebuilt (the differ proposed rebuilding seven unchanged tables instead). Nothing refers
    // to it, so dropping the old table is safe. Every entry is a referral's or an advice
    // request's, never both or neither (worklist_entry_one_subject).
    this.addSql(`create table \`worklist_entry__temp_alter\` (\`id\` text not null, \`referral_id\` text null, \`advice_request_id\` text null, \`ubrn\` text not null, \`organisation_id\` text not null, \`worklist\` text not null, \`priority\` text not null, \`priority_rank\` integer not null, \`sort_at\` datetime not null, \`state\` text not null, \`state_changed_at\` datetime not null, \`service_id\` text null, \`specialty_code\` text null, \`clinician_id\` text null, \`letter_due_at\` datetime null, \`patient_contact_by\` date null, \`request_context_status\` text null, \`awaiting_referrer\` integer not null default false, constraint \`worklist_entry_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on delete cascade on update cascade, constraint \`worklist_entry_advice_request_id_foreign\` foreign key(\`advice_request_id\`) references \`advice_request\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`), constraint worklist_entry_one_subject check ((referral_id is null) <> (advice_request_id is null)));`);
    this.addSql(`insert into \`worklist_entry__temp_alter\` (\`id\`, \`referral_id\`, \`ubrn\`, \`organisation_id\`, \`worklist\`, \`priority\`, \`priority_rank\`, \`sort_at\`, \`state\`, \`state_changed_at\`, \`service_id\`, \`specialty_code\`, \`clinician_id\`, \`letter_due_at\`, \`patient_contact_by\`, \`request_context_status\`) select \`id\`, \`referral_id\`, \`ubrn\`, \`organisation_id\`, \`worklist\`, \`priority\`, \`priority_rank\`, \`sort_at\`, \`state\`, \`state_changed_at\`, \`service_id\`, \`specialty_code\`, \`clinician_id\`, \`letter_due_at\`, \`patient_contact_by\`, \`request_context_status\` from \`worklist_entry\`;`);
    this.addSql(`drop table \`worklist_entry\`;`);
    this.addSql(`alter table \`worklist_entry__temp_alter\` rename to \`worklist_entry\`;`);
    this.addSql(`create index \`worklist_entry_referral_id_index\` on \`worklist_entry\` (\`referral_id\`);`);
    this.addSql(`create index \`worklist_entry_advice_request_id_index\` on \`worklist_entry\` (\`advice_request_id\`);`);
    this.addSql(`create index \`worklist_entry_page\` on \`worklist_entry\` (\`organisation_id\`, \`worklist\`, \`priority_rank\`, \`sort_at\`, \`ubrn\`);`);
  }

}
