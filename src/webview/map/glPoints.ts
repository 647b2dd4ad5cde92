// The map's points drawn by WebGL: positions and colours uploaded once per map (or colour change), and each frame
// is one drawArrays(POINTS) with the camera as two uniforms, so panning 100 000 points costs the GPU's fill and
// nothing per point in JavaScript. A point whose colour has alpha 0 (a class isolated away) is discarded.
import type { PointRenderer } from './renderer';
import type { Viewport } from './viewport';

const VERTEX = `
attribute vec2 a_pos;
attribute vec4 a_col;
uniform vec2 u_scale;
uniform vec2 u_offset;
uniform float u_size;
varying vec4 v_col;
void main() {
  gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
  gl_PointSize = u_size;
  v_col = a_col;
}`;

const FRAGMENT = `
precision mediump float;
varying vec4 v_col;
void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  if (v_col.a == 0.0 || dot(d, d) > 0.25) discard;
  gl_FragColor = vec4(v_col.rgb * v_col.a, v_col.a);
}`;

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`map shader: ${gl.getShaderInfoLog(shader)}`);
  return shader;
}

/** A WebGL renderer on `canvas`, or null when the page has no WebGL (then the 2-D canvas draws). */
export function createGlRenderer(canvas: HTMLCanvasElement): PointRenderer | null {
  // preserveDrawingBuffer: the overlay, screenshots and the tests read the canvas after the frame
  const gl = canvas.getContext('webgl', { antialias: false, preserveDrawingBuffer: true, premultipliedAlpha: true });
  if (!gl) return null;
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`map program: ${gl.getProgramInfoLog(program)}`);
  const posBuffer = gl.createBuffer();
  const colBuffer = gl.createBuffer();
  const aPos = gl.getAttribLocation(program, 'a_pos');
  const aCol = gl.getAttribLocation(program, 'a_col');
  const uScale = gl.getUniformLocation(program, 'u_scale');
  const uOffset = gl.getUniformLocation(program, 'u_offset');
  const uSize = gl.getUniformLocation(program, 'u_size');
  const maxSize = (gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array)[1] || 1;
  let count = 0;
  return {
    kind: 'webgl',
    setPoints(points) {
      count = points.length / 2;
      gl.bindBuffer(gl.ARRAY_BUFFER, posBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, points, gl.STATIC_DRAW);
    },
    setColours(rgba) {
      gl.bindBuffer(gl.ARRAY_BUFFER, colBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, rgba, gl.STATIC_DRAW);
    },
    draw(view: Viewport, pointSize: number) {
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      if (!count) return;
      gl.useProgram(program);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      const t = view.clipTransform();
      gl.uniform2f(uScale, t.scale[0], t.scale[1]);
      gl.uniform2f(uOffset, t.offset[0], t.offset[1]);
      gl.uniform1f(uSize, Math.min(pointSize, maxSize));
      gl.bindBuffer(gl.ARRAY_BUFFER, posBuffer);
      gl.enableVertexAttribArray(aPos);
      gl.vertexAttribPointer(aPos, 2, gl.FLOAT, false, 0, 0);
      gl.bindBuffer(gl.ARRAY_BUFFER, colBuffer);
      gl.enableVertexAttribArray(aCol);
      gl.vertexAttribPointer(aCol, 4, gl.UNSIGNED_BYTE, true, 0, 0);
      gl.drawArrays(gl.POINTS, 0, count);
    },
    finish() {
      gl.finish();
    },
  };
}
