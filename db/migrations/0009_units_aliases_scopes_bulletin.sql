CREATE TABLE `bulletin_mappings` (
	`source` text PRIMARY KEY NOT NULL,
	`mapping` text NOT NULL,
	`scope` text DEFAULT 'province' NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`alias` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_aliases_org_alias` ON `unit_aliases` (`organization_id`,`alias`);--> statement-breakpoint
CREATE TABLE `user_units` (
	`user_id` text PRIMARY KEY NOT NULL,
	`organization_id` integer NOT NULL,
	`assigned_by` text,
	`assigned_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `indicators` ADD `for_sub_units` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `kind` text DEFAULT 'peer' NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `parent_id` integer REFERENCES organizations(id);--> statement-breakpoint
ALTER TABLE `organizations` ADD `sort_order` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `retired_from` text;--> statement-breakpoint
-- Hand-written: the organization the app served until now (the first one created, as getHomeOrganization took it) becomes the explicit home unit; any others (a benchmark's generated districts) are peers.
UPDATE `organizations` SET `kind` = 'home' WHERE `id` = (SELECT min(`id`) FROM `organizations`);--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_one_home` ON `organizations` (`kind`) WHERE kind = 'home';