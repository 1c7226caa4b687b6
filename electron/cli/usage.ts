const CONNECTION = `Connection:
  --profile NAME          a profile added with \`vod-upload profile add\` (else the data dir's default
                          profile, else ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN or
                          ~/.alibabacloud/credentials)
  --region ID             VOD region for those credentials (default cn-shanghai)
  --endpoint URL          VOD OpenAPI endpoint (default: the region's)
  --data-dir DIR          queue and profiles (default: the desktop app's; env VOD_UPLOADER_DATA_DIR)
Limits (this run only):
  --files N               files at once (1-16)
  --parts N               parts in flight in all (1-64)
  --part-size SIZE        preferred part size, bytes or e.g. 8MiB (100KiB-5GiB)
  --limit-rate BYTES_PER_S  total upload rate, e.g. 20MiB (0 = no limit)
Output:
  --json                  one JSON event per line, then the summary line`;

const TOPICS: Readonly<Record<string, string>> = {
  upload: `Usage: vod-upload upload <path...> [options]

Makes sure files and folders are in VOD (folders are walked; junk and non-media files are skipped) and waits
until each is done or failed. A file already uploaded to the same destination (same content, even moved or
renamed) counts as done and is not sent again unless --force; one whose earlier job is still in the queue
(paused, or failed) is finished by this run, with the parts it already has on OSS. The credentials are
checked first: a wrong key or a dead endpoint exits 2 before anything is queued.

  --force                 upload even files already uploaded to this destination

Metadata:
  --title TEMPLATE        title template, e.g. "{folder} {name}" (default {name})
  --description TEXT      --tags a,b   --cate-id N   --template-group ID   --workflow-id ID
  --storage-location LOC  --app-id ID
${CONNECTION}`,
  resume: `Usage: vod-upload resume [options]

Continues every unfinished job in the data dir: queued and paused jobs are resumed, failed ones retried
(their uploaded parts are kept). Jobs keep the profile they were queued with.

${CONNECTION}`,
  status: `Usage: vod-upload status [--json] [--data-dir DIR]

Lists the queue. Read-only: works while an upload runs.`,
  history: `Usage: vod-upload history [--csv | --json] [--search TEXT] [--limit N] [--data-dir DIR]

Finished uploads with their media IDs, newest first. --csv and --json print every match in the app's export
formats. Read-only: works while an upload runs.`,
  profile: `Usage:
  vod-upload profile add NAME [--region ID] [--endpoint URL] [--access-key-id ID] [--secret-stdin]
                              [--role-arn ARN] [--auth-service URL] [--default] [metadata defaults]
  vod-upload profile list [--json]
  vod-upload profile remove NAME
  vod-upload profile test NAME [--json]

The AccessKey ID comes from --access-key-id or ALIBABA_CLOUD_ACCESS_KEY_ID; the secret from stdin
(--secret-stdin) or ALIBABA_CLOUD_ACCESS_KEY_SECRET, never from an argument. With --role-arn the key
assumes that role (STS); with ALIBABA_CLOUD_SECURITY_TOKEN set it is a temporary STS key; --auth-service
uses your authorization service (bearer token from stdin or VOD_UPLOADER_AUTH_TOKEN).
Secrets are stored encrypted with a key file in the data dir. All take --data-dir DIR.`,
};

export const GENERAL_USAGE = `Usage: vod-upload <command> [options]

Commands:
  upload <path...>   upload files and folders to ApsaraVideo VOD
  resume             continue every unfinished upload in the data dir
  status             list the queue
  history            list finished uploads (--csv, --json)
  profile            add, list, remove or test upload profiles

Exit status: 0 every file in VOD, 1 some not, 2 usage or configuration error (nothing queued),
130 interrupted (resumable).
Run \`vod-upload help <command>\` for its options.`;

export function usageFor(topic: string | undefined): string {
  return (topic !== undefined ? TOPICS[topic] : undefined) ?? GENERAL_USAGE;
}
