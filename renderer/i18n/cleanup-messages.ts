/**
 * Settings → Clean up's messages (the clean-up check, docs/media-cleanup.md), kept apart from the main
 * dictionaries (en.ts, zh-cn.ts spread them in).
 */
export const cleanupEn = {
  'cleanup.title': 'Clean up VOD',
  'cleanup.intro':
    'Finds what uploads left in the VOD library: media still in “Uploading”, multipart uploads left open, and deletes still owed. Media a queued job is working on are never touched.',
  'cleanup.profile': 'Profile to check',
  'cleanup.profileDefault': 'Default profile',
  'cleanup.check': 'Check now',
  'cleanup.checking': 'Checking…',
  'cleanup.clean': 'Nothing to clean up.',
  'cleanup.media': 'Media in “Uploading” ({count})',
  'cleanup.uploads': 'Multipart uploads left open ({count})',
  'cleanup.pending': 'Cleanups pending ({count})',
  'cleanup.pendingIntro':
    'These deletes failed and are retried in the background; they are kept until VOD confirms them.',
  'cleanup.retry': 'Retry now',
  'cleanup.attempts': '{count} attempt(s)',
  'cleanup.owner.in-use': 'In the queue (left alone)',
  'cleanup.owner.orphan': 'Left by this uploader',
  'cleanup.owner.other': 'Not made here',
  'cleanup.source.oss': 'listed by OSS',
  'cleanup.source.records': 'recorded here',
  'cleanup.includeOthers':
    'Also remove media not made here (another tool or computer may still be uploading them)',
  'cleanup.fix': 'Remove leftovers ({count})',
  'cleanup.confirmFix':
    'Delete {count} media and open uploads from VOD? This cannot be undone. Media a queued job is working on are kept.',
  'cleanup.fixed': 'Removed {media} media and {uploads} upload(s).',
  'cleanup.fixFailed': 'Could not remove {id}: {message}',
  'cleanup.failed': 'The check failed: {message}',
  'cleanup.queueNotice': '{count} cleanup(s) pending in VOD',
  'cleanup.queueNoticeAction': 'Show',
} as const;

export type CleanupMessageKey = keyof typeof cleanupEn;

export const cleanupZhCN: { readonly [K in CleanupMessageKey]: string } = {
  'cleanup.title': '清理点播',
  'cleanup.intro':
    '查找上传在点播媒资库中留下的内容：仍处于“上传中”的媒资、未完成的分片上传，以及尚未完成的删除。队列中正在处理的媒资不会被改动。',
  'cleanup.profile': '要检查的配置',
  'cleanup.profileDefault': '默认配置',
  'cleanup.check': '立即检查',
  'cleanup.checking': '正在检查…',
  'cleanup.clean': '没有需要清理的内容。',
  'cleanup.media': '“上传中”的媒资（{count}）',
  'cleanup.uploads': '未完成的分片上传（{count}）',
  'cleanup.pending': '待完成的清理（{count}）',
  'cleanup.pendingIntro': '这些删除操作失败了，会在后台重试；在点播确认之前一直保留。',
  'cleanup.retry': '立即重试',
  'cleanup.attempts': '已尝试 {count} 次',
  'cleanup.owner.in-use': '在队列中（不处理）',
  'cleanup.owner.orphan': '本上传工具遗留',
  'cleanup.owner.other': '非本机创建',
  'cleanup.source.oss': 'OSS 列出',
  'cleanup.source.records': '本机记录',
  'cleanup.includeOthers': '同时删除非本机创建的媒资（其他工具或电脑可能仍在上传）',
  'cleanup.fix': '删除遗留内容（{count}）',
  'cleanup.confirmFix':
    '要从点播中删除 {count} 个媒资和未完成的上传吗？此操作无法撤销。队列中正在处理的媒资会保留。',
  'cleanup.fixed': '已删除 {media} 个媒资和 {uploads} 个上传。',
  'cleanup.fixFailed': '无法删除 {id}：{message}',
  'cleanup.failed': '检查失败：{message}',
  'cleanup.queueNotice': '点播中有 {count} 项待完成的清理',
  'cleanup.queueNoticeAction': '查看',
};
