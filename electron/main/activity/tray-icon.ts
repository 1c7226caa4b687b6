/**
 * The tray / menu-bar icon: a monochrome up-arrow over a baseline, black on transparent so macOS can use it as a
 * template image (tinted for light and dark menu bars). Drawn at 16 px for 1x screens and separately at 32 px for
 * 2x ones, so a Retina menu bar shows a sharp 16-point icon instead of a 32-point one.
 */
export const TRAY_ICON_REPRESENTATIONS = [
  {
    scaleFactor: 1,
    dataURL:
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAaklEQVR42mNgoDEQgGKywXkoJgv0MzAw/IfiflI1JyBphuEEYjUbMDAwvMdiwHuoHMFAu49FMwzfJxSo6/FohuH1+JzegITRNSLLGRATFugGkAwG3oAGNEwQOGDRhAs74LLxP5G4gWrZFQAlE0bFKrncvAAAAABJRU5ErkJggg==',
  },
  {
    scaleFactor: 2,
    dataURL:
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAApUlEQVR42u2SQQ2AMBAETwISkICESqgEJNQJEpBQCZVQCUhAQglJL2kCgbbclRBuk/nsZ/axAJKPZ4y8kgEAQmRoLe8AYEkGLLFrFpfIEddKPp3IkYlbri/kiOY83ZoxYOU45X4wnyFHPPUpbYEcsVRyUyFHzFO5eiBHVK28zzxdzin7mgGeQJ6esigzoRyZqU55J2KPDJABMuD1Af9IYEIGSA7ZAA7fGvTzTKXdAAAAAElFTkSuQmCC',
  },
] as const;
