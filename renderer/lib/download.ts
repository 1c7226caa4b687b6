/** Saves text as a file through the browser's download path (Electron shows its save dialog). */
export function downloadText(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the download has had time to start; revoking synchronously can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
