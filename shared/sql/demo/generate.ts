import type { Database } from 'better-sqlite3';
import { DEMO_CITIES, DEMO_PRODUCTS, FAMILY_NAMES, GIVEN_NAMES, type DemoProduct } from './data.ts';

/** Raised whenever the generated content changes, so older files are rebuilt. */
export const DEMO_VERSION = '1';

const CUSTOMERS = 600;
const FIRST_DAY = Date.UTC(2024, 0, 1);
const DAYS = 731;
const ORDERS_PER_DAY = 8;

/** mulberry32: a small seeded generator, so every run builds the same shop. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function pickWeighted<T>(
  random: () => number,
  items: readonly T[],
  weight: (item: T) => number,
): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let point = random() * total;
  for (const item of items) {
    point -= weight(item);
    if (point < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** Shopping peaks: Singles' Day and the holidays at the end of the year, a summer lull. */
const MONTH_FACTOR = [1.15, 1.1, 0.95, 0.95, 1, 0.9, 0.85, 0.85, 1, 1.05, 1.45, 1.6];

function seasonFactor(product: DemoProduct, month: number): number {
  switch (product.season) {
    case 'winter':
      return [0, 1, 10, 11].includes(month) ? 3 : 0.4;
    case 'summer':
      return [5, 6, 7].includes(month) ? 3 : 0.5;
    case 'autumn-festival':
      return [8].includes(month) ? 8 : 0.2;
    case 'new-year':
      return [0, 1].includes(month) ? 6 : 0.3;
    default:
      return 1;
  }
}

function isoDate(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 10);
}

function isoDateTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 19).replace('T', ' ');
}

const SCHEMA = `
CREATE TABLE demo_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  city TEXT NOT NULL,
  city_local TEXT NOT NULL,
  country_code TEXT NOT NULL,
  country TEXT NOT NULL,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  signed_up_on TEXT NOT NULL
);
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  category TEXT NOT NULL,
  unit_price NUMERIC NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  ordered_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('delivered', 'shipped', 'cancelled'))
);
CREATE TABLE order_items (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC NOT NULL
);
CREATE INDEX orders_customer_id ON orders(customer_id);
CREATE INDEX orders_ordered_at ON orders(ordered_at);
CREATE INDEX order_items_order_id ON order_items(order_id);
CREATE INDEX order_items_product_id ON order_items(product_id);
CREATE VIEW order_revenue AS
  SELECT o.id AS order_id, o.ordered_at, c.city, c.country_code,
         ROUND(SUM(i.quantity * i.unit_price), 2) AS revenue
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  JOIN order_items i ON i.order_id = o.id
  WHERE o.status <> 'cancelled'
  GROUP BY o.id;
`;

/**
 * Fills an empty SQLite database with the demo shop: customers in 22 cities
 * (city and ISO country code, ready for geocoding), products named in English
 * and Chinese, and two years of orders (2024 and 2025) with seasonal peaks.
 */
export function generateDemoShop(db: Database): void {
  const random = seededRandom(20240101);
  db.exec(SCHEMA);

  const insertInfo = db.prepare('INSERT INTO demo_info (key, value) VALUES (?, ?)');
  const insertCustomer = db.prepare(
    'INSERT INTO customers (id, name, email, city, city_local, country_code, country, latitude, longitude, signed_up_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertProduct = db.prepare(
    'INSERT INTO products (id, sku, name_en, name_zh, category, unit_price) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertOrder = db.prepare(
    'INSERT INTO orders (id, customer_id, ordered_at, status) VALUES (?, ?, ?, ?)',
  );
  const insertItem = db.prepare(
    'INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?)',
  );

  db.transaction(() => {
    insertInfo.run('version', DEMO_VERSION);
    insertInfo.run('description', 'A small online shop: customers, products, orders 2024-2025');

    const customers: { id: number; cityWeight: number; joined: number }[] = [];
    for (let id = 1; id <= CUSTOMERS; id += 1) {
      const city = pickWeighted(random, DEMO_CITIES, (item) => item.weight);
      const givenName = pick(random, GIVEN_NAMES[city.names]);
      const familyName = pick(random, FAMILY_NAMES[city.names]);
      const name =
        city.names === 'latin' ? `${givenName} ${familyName}` : `${familyName}${givenName}`;
      const joined = FIRST_DAY - 400 * 86_400_000 + Math.floor(random() * 900) * 86_400_000;
      insertCustomer.run(
        id,
        name,
        `customer${String(id).padStart(4, '0')}@example.com`,
        city.city,
        city.cityLocal,
        city.countryCode,
        city.country,
        city.latitude,
        city.longitude,
        isoDate(joined),
      );
      customers.push({ id, cityWeight: city.weight, joined });
    }

    DEMO_PRODUCTS.forEach((product, index) => {
      insertProduct.run(
        index + 1,
        product.sku,
        product.nameEn,
        product.nameZh,
        product.category,
        product.unitPrice,
      );
    });

    let orderId = 0;
    for (let day = 0; day < DAYS; day += 1) {
      const date = FIRST_DAY + day * 86_400_000;
      const month = new Date(date).getUTCMonth();
      const growth = 1 + (day / DAYS) * 0.35;
      const expected = ORDERS_PER_DAY * (MONTH_FACTOR[month] ?? 1) * growth;
      const count = Math.max(0, Math.round(expected * (0.6 + random() * 0.8)));

      for (let n = 0; n < count; n += 1) {
        orderId += 1;
        const active = customers.filter((customer) => customer.joined <= date);
        const customer = pickWeighted(
          random,
          active.length > 0 ? active : customers,
          (item) => item.cityWeight,
        );
        const at = date + Math.floor(random() * 86_400) * 1000;
        const roll = random();
        let status = 'delivered';
        if (day > DAYS - 5 && roll < 0.5) status = 'shipped';
        if (roll < 0.04) status = 'cancelled';
        insertOrder.run(orderId, customer.id, isoDateTime(at), status);

        const lines = 1 + Math.floor(random() * random() * 4);
        const chosen = new Set<number>();
        for (let line = 0; line < lines; line += 1) {
          const product = pickWeighted(random, DEMO_PRODUCTS, (item) => seasonFactor(item, month));
          const productId = DEMO_PRODUCTS.indexOf(product) + 1;
          if (chosen.has(productId)) continue;
          chosen.add(productId);
          const quantity = 1 + Math.floor(random() * random() * 5);
          insertItem.run(orderId, productId, quantity, product.unitPrice);
        }
      }
    }
  })();

  // Row estimates for list_tables come from sqlite_stat1.
  db.exec('ANALYZE');
}
