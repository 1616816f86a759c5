// Scans QR codes with the device camera. Uses the browser's own BarcodeDetector where it has one
// (Chrome on Android, Safari 17+); elsewhere decodes frames with jsQR, which is plain JavaScript
// with no WebAssembly or files to fetch — it works offline, like the rest of the verify page.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { CameraOutlined, StopOutlined } from '@ant-design/icons';
import jsQR from 'jsqr';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    return (await Ctor.getSupportedFormats()).includes('qr_code') ? new Ctor({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

const SCAN_INTERVAL_MS = 200;

export function QrScanner({ onScan }: { onScan: (text: string) => void }) {
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string>();
  const videoRef = useRef<HTMLVideoElement>(null);
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });

    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setProblem('此浏览器无法使用摄像头（需 HTTPS 访问），请改用下方粘贴二维码内容。');
        setRunning(false);
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch {
        setProblem('无法打开摄像头：请允许浏览器使用摄像头，或改用下方粘贴二维码内容。');
        setRunning(false);
        return;
      }
      if (stopped) return stream.getTracks().forEach((t) => t.stop());
      const video = videoRef.current;
      if (!video) return stream.getTracks().forEach((t) => t.stop());
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      const detector = await nativeDetector();
      const scan = async () => {
        if (stopped) return;
        try {
          if (video.readyState >= 2 && video.videoWidth > 0) {
            let text: string | undefined;
            if (detector) {
              text = (await detector.detect(video))[0]?.rawValue;
            } else if (ctx) {
              // a frame at most 640 px wide: enough for a phone screen held up to the camera
              const scale = Math.min(1, 640 / video.videoWidth);
              canvas.width = Math.round(video.videoWidth * scale);
              canvas.height = Math.round(video.videoHeight * scale);
              ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
              const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
              text = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data;
            }
            if (text) onScanRef.current(text);
          }
        } catch {
          // a frame that cannot be read: try the next one
        }
        timer = setTimeout(() => void scan(), SCAN_INTERVAL_MS);
      };
      void scan();
    };
    void start();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [running]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {problem && <Alert type="warning" showIcon message={problem} />}
      {running && (
        <div className="cv-camera">
          <video ref={videoRef} muted playsInline className="cv-video" />
          <div className="cv-frame" />
        </div>
      )}
      <Button
        size="large"
        block
        type={running ? 'default' : 'primary'}
        icon={running ? <StopOutlined /> : <CameraOutlined />}
        onClick={() => {
          setProblem(undefined);
          setRunning((r) => !r);
        }}
      >
        {running ? '停止扫码' : '打开摄像头扫码'}
      </Button>
    </Space>
  );
}
