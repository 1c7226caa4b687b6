/** A 32×32 monochrome up-arrow (black on transparent), so macOS can use it as a template image. */
export const TRAY_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAASElEQVR42u2UQQoAIAzD9v9P1w94EK2rSAI9JzBYFQCco7RcqQhNFpW3RWhhUfm1CG0sKrdEyLiovPUk//8BAggggIAnAgBsDB5ttEwOnAg6AAAAAElFTkSuQmCC';
