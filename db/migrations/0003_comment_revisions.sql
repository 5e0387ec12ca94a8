CREATE TABLE `comment_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`period` text NOT NULL,
	`indicator_key` text DEFAULT '' NOT NULL,
	`topic` text NOT NULL,
	`old_body` text,
	`new_body` text,
	`changed_by` text,
	`changed_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comment_revisions_org_period` ON `comment_revisions` (`organization_id`,`period`);