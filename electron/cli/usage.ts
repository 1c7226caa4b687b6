/** The exit statuses, as `vod-upload --help` tells them (docs/cli.md has the full table). */
export const EXIT_STATUS_HELP = `Exit status: 0 every file in VOD, 1 some not, 2 usage or configuration error (nothing
queued), 130 interrupted (resumable).`;

const CREDENTIALS = `
Credentials: --profile NAME, else the data dir's default profile, else ALIBABA_CLOUD_ACCESS_KEY_ID /
_SECRET / _SECURITY_TOKEN or ~/.alibabacloud/credentials. They are checked before anything is queued:
a wrong key or an endpoint that refuses or never answers exits 2 at once, with what to fix.`;

/** What each command's help says after its options. */
export const HELP_AFTER: Readonly<Record<string, string>> = {
  upload: `
Makes sure the files are in VOD (folders are walked; junk and non-media files are skipped) and waits
until each is done or failed. A file already uploaded to the same destination (same content, even moved
or renamed) counts as done and is not sent again unless --force; one whose earlier job is still in the
queue (paused, or failed) is finished by this run with the parts it already has on OSS.
${CREDENTIALS}`,
  resume: `
Continues every unfinished job in the data dir: queued and paused jobs are resumed, failed ones retried
(their uploaded parts are kept). Jobs keep the profile they were queued with.
${CREDENTIALS}`,
  retry: `
Failed jobs (and jobs whose file was missing) go back to the queue with their uploaded parts, and this
run uploads them: the same output and exit status as upload.`,
  cancel: `
The job stops, its multipart upload on OSS is aborted, and it stays in the queue as canceled (remove or
clear --finished takes it away).`,
  remove: `
Takes jobs out of the queue for good. A job that is not finished is canceled first, so nothing is left
half-uploaded on OSS. Use it for a job whose file is gone or changed: resume no longer tries it.`,
  wait: `
Asks VOD (GetVideoInfos, every few seconds) until each video is Normal, or failed (UploadFail,
TranscodeFail, Blocked). Exit 0 when all are Normal, 1 when one failed or --timeout passed. Images and
attached media are Normal once uploaded.`,
  watch: `
Watches folders (recursively) and uploads each new file once it is complete: unchanged for --settle, and
openable. Temporary names (.part, .crdownload, .tmp, ~name, ._name) and editing applications' cache folders
are ignored. Folders named here are kept in the data dir (the app watches them too); their preset and
metadata options apply to every file. On start, files added while nothing watched are caught up; what is
already in VOD is not sent again. A folder that disappears (unplugged) waits and resumes when it returns.
Runs until Ctrl-C or SIGTERM, which stop cleanly (finished parts kept; SIGTERM first lets the parts in
flight finish, up to --drain-timeout). Exit 0 when every file it queued
is in VOD, 1 when one failed, 130 when some are unfinished (\`vod-upload resume\` or the next watch goes on).
\`watch --list\` shows the watched folders (read-only).
${CREDENTIALS}`,
  doctor: `
Lists what uploads left in VOD for the profile: media still in "Uploading" (SearchMedia), multipart uploads
left open (listed on OSS where the credential allows it, else as recorded in the data dir), and deletes the
data dir still owes (failed ones are retried in the background). Media a queued job is working on are left
alone. --fix removes this uploader's leftovers; media without its mark only with --include-others.
Exit status: 0 nothing to clean up, 1 something found (or left after --fix), 2 error.
${CREDENTIALS}`,
  history: `
--csv and --json print every match in the app's export formats. Read-only: works while an upload runs.`,
};
