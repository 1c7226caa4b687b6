/**
 * The browser preview's messages (the desktop app never shows them), kept apart from the main dictionaries
 * like the watch panel's.
 */
export const previewEn = {
  'preview.label': 'Preview',
  'preview.sample':
    'Preview with sample media: “Add files…” and “Add folder…” add generated files from {dir}. To upload your own files, start it with npm run preview -- --media <folder>, or type a path below.',
  'preview.own': 'Preview: “Add files…” and “Add folder…” add your files from {dir}.',
  'preview.pathLabel': 'Path on this computer',
  'preview.addPath': 'Add path',
  'preview.disconnected':
    'Disconnected from the preview server. Reconnecting… Nothing is uploaded while it is down.',
  'drop.noPath':
    'The dropped items have no file on this computer (dragged from a browser or an app that does not give one).',
  'drop.noPathPreview':
    'A browser gives dropped files no path: type the file’s or folder’s path in the preview bar instead.',
} as const;

export const previewZhCN: Record<keyof typeof previewEn, string> = {
  'preview.label': '预览',
  'preview.sample':
    '正在使用示例媒体预览：“添加文件…”和“添加文件夹…”会添加 {dir} 中生成的文件。要上传自己的文件，请用 npm run preview -- --media <文件夹> 启动，或在下方输入路径。',
  'preview.own': '预览：“添加文件…”和“添加文件夹…”会添加 {dir} 中您自己的文件。',
  'preview.pathLabel': '本机路径',
  'preview.addPath': '添加路径',
  'preview.disconnected': '与预览服务器的连接已断开，正在重新连接… 断开期间不会上传任何内容。',
  'drop.noPath': '拖入的项目在本机上没有对应的文件（从浏览器或不提供文件的应用拖入）。',
  'drop.noPathPreview': '浏览器不会提供拖入文件的路径：请在预览栏中输入文件或文件夹的路径。',
};
